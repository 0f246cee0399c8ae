package dev.chipwatch.ingest.feed;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the charset of a feed from its BOM, the HTTP header and the XML prolog, and decodes it.
 *
 * <p>Order: a BOM wins; UTF-16 without BOM is recognised from {@code <?} in two bytes. Otherwise bytes that
 * are valid UTF-8 and not plain ASCII are read as UTF-8 whatever the labels say: text in any other charset is
 * practically never valid UTF-8 by chance, while mislabelled UTF-8 is common (servers defaulting to
 * ISO-8859-1, and RFC 3023's rule that {@code text/xml} without charset means US-ASCII, which ROME's
 * XmlReader follows). Bytes that are not valid UTF-8 are read with the declared charset (header, then
 * prolog) other than UTF-8, else as windows-1252, the usual truth behind a wrong label; undecodable bytes
 * become U+FFFD rather than failing the feed.
 */
final class FeedCharset {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Pattern HEADER_CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)");
  private static final Pattern PROLOG_ENCODING =
      Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

  private FeedCharset() {}

  static String decode(byte[] body, String contentType) {
    Charset charset = detect(body, contentType);
    int skip = bomLength(body);
    String text = charset.decode(ByteBuffer.wrap(body, skip, body.length - skip)).toString();
    return text.startsWith("\ufeff") ? text.substring(1) : text;
  }

  static Charset detect(byte[] body, String contentType) {
    Charset bom = fromBom(body);
    if (bom != null) {
      return bom;
    }
    if (body.length >= 4 && body[0] == '<' && body[1] == 0 && body[2] == '?' && body[3] == 0) {
      return StandardCharsets.UTF_16LE;
    }
    if (body.length >= 4 && body[0] == 0 && body[1] == '<' && body[2] == 0 && body[3] == '?') {
      return StandardCharsets.UTF_16BE;
    }
    if (isPlainAscii(body) || isValidUtf8(body)) {
      return StandardCharsets.UTF_8;
    }
    Charset declared = nonUtf8(fromHeader(contentType));
    if (declared == null) {
      declared = nonUtf8(fromProlog(body));
    }
    if (declared == null || declared.equals(StandardCharsets.ISO_8859_1) || declared.equals(StandardCharsets.US_ASCII)) {
      return WINDOWS_1252; // what browsers do for these labels: the 0x80-0x9f range holds curly quotes and dashes
    }
    return declared;
  }

  static Charset fromHeader(String contentType) {
    if (contentType == null) {
      return null;
    }
    Matcher m = HEADER_CHARSET.matcher(contentType);
    return m.find() ? charset(m.group(1)) : null;
  }

  static Charset fromProlog(byte[] body) {
    String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1);
    Matcher m = PROLOG_ENCODING.matcher(head);
    return m.find() ? charset(m.group(1)) : null;
  }

  private static Charset nonUtf8(Charset charset) {
    return charset == null || charset.equals(StandardCharsets.UTF_8) ? null : charset;
  }

  private static Charset charset(String name) {
    try {
      return Charset.forName(name.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) { // illegal or unsupported name
      return null;
    }
  }

  private static Charset fromBom(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
      return StandardCharsets.UTF_8;
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
      return StandardCharsets.UTF_16BE;
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  private static int bomLength(byte[] b) {
    Charset bom = fromBom(b);
    if (bom == null) {
      return 0;
    }
    return bom.equals(StandardCharsets.UTF_8) ? 3 : 2;
  }

  private static boolean isPlainAscii(byte[] body) {
    for (byte b : body) {
      if (b < 0x09) { // high bytes (negative) could be anything; NUL and friends hint at UTF-16/32
        return false;
      }
    }
    return true;
  }

  /** Strict UTF-8 (no overlongs, no surrogates), without decoding: bodies reach 10 MiB. */
  static boolean isValidUtf8(byte[] b) {
    int i = 0;
    while (i < b.length) {
      int lead = b[i] & 0xff;
      if (lead < 0x80) {
        i++;
        continue;
      }
      int trailing;
      if (lead >= 0xc2 && lead <= 0xdf) {
        trailing = 1;
      } else if (lead >= 0xe0 && lead <= 0xef) {
        trailing = 2;
      } else if (lead >= 0xf0 && lead <= 0xf4) {
        trailing = 3;
      } else {
        return false;
      }
      if (i + trailing >= b.length) {
        return false;
      }
      int second = b[i + 1] & 0xff;
      if ((lead == 0xe0 && second < 0xa0) || (lead == 0xed && second > 0x9f)
          || (lead == 0xf0 && second < 0x90) || (lead == 0xf4 && second > 0x8f)) {
        return false;
      }
      for (int k = 1; k <= trailing; k++) {
        if ((b[i + k] & 0xc0) != 0x80) {
          return false;
        }
      }
      i += trailing + 1;
    }
    return true;
  }
}
