package dev.chipwatch.ingest.feed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** Undoes gzip/deflate Content-Encoding with the size cap applied to the decompressed bytes (gzip bombs). */
final class ContentDecoding {
  static final String ACCEPTED = "gzip, deflate";

  private ContentDecoding() {}

  static byte[] decode(byte[] body, String contentEncoding, long maxBytes, String host) throws FeedException {
    if (contentEncoding == null || contentEncoding.isBlank()) {
      return body;
    }
    String[] codings = contentEncoding.toLowerCase(Locale.ROOT).split(",");
    byte[] data = body;
    // codings are listed in the order they were applied: undo them from the last
    for (int i = codings.length - 1; i >= 0; i--) {
      data = decodeOne(data, codings[i].strip(), maxBytes, host);
    }
    return data;
  }

  private static byte[] decodeOne(byte[] data, String coding, long maxBytes, String host) throws FeedException {
    try {
      switch (coding) {
        case "", "identity":
          return data;
        case "gzip", "x-gzip":
          // some servers label an already-decompressed body as gzip: no gzip magic, nothing to undo
          return isGzip(data) ? readCapped(new GZIPInputStream(new ByteArrayInputStream(data)), maxBytes) : data;
        case "deflate":
          // RFC 9110 means zlib-wrapped; some servers send raw deflate
          Inflater inflater = new Inflater(!isZlib(data));
          try {
            return readCapped(new InflaterInputStream(new ByteArrayInputStream(data), inflater), maxBytes);
          } finally {
            inflater.end();
          }
        default:
          throw new FeedException(FeedException.Reason.IO, host + ": unsupported Content-Encoding " + coding);
      }
    } catch (CappedBodySubscriber.TooLargeException e) {
      throw new FeedException(FeedException.Reason.TOO_LARGE,
          host + ": decompressed body exceeds " + maxBytes + " bytes", e);
    } catch (IOException e) {
      throw new FeedException(FeedException.Reason.IO, host + ": corrupt " + coding + " body", e);
    }
  }

  private static byte[] readCapped(InputStream in, long maxBytes) throws IOException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[16 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (out.size() + (long) n > maxBytes) {
          throw new CappedBodySubscriber.TooLargeException("decompressed body exceeds " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }

  private static boolean isGzip(byte[] data) {
    return data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
  }

  private static boolean isZlib(byte[] data) {
    return data.length >= 2 && (data[0] & 0x0f) == 8 && ((data[0] & 0xff) * 256 + (data[1] & 0xff)) % 31 == 0;
  }
}
