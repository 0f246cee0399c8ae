package dev.chipwatch.ingest.feed;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.StringJoiner;

/** Article ids: sha256 of the canonical link, so the same story is one article however linked. */
public final class ArticleIds {
  private ArticleIds() {}

  public static String of(String link, String guid) {
    if (link != null && !link.isBlank()) {
      return sha256(canonicalLink(link.strip()));
    }
    if (guid != null && !guid.isBlank()) {
      return sha256(guid.strip());
    }
    throw new IllegalArgumentException("an item needs a link or a guid");
  }

  /** Scheme and host lower-cased, fragment and tracking parameters dropped; anything unparsable is kept as is. */
  public static String canonicalLink(String link) {
    URI uri;
    try {
      uri = new URI(link);
    } catch (URISyntaxException e) {
      return link;
    }
    if (uri.getScheme() == null || uri.getRawAuthority() == null) {
      return link;
    }
    StringBuilder out = new StringBuilder();
    out.append(uri.getScheme().toLowerCase(Locale.ROOT)).append("://");
    out.append(uri.getRawAuthority().toLowerCase(Locale.ROOT));
    out.append(uri.getRawPath() == null ? "" : uri.getRawPath());
    String query = withoutTracking(uri.getRawQuery());
    if (!query.isEmpty()) {
      out.append('?').append(query);
    }
    return out.toString();
  }

  private static String withoutTracking(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    StringJoiner kept = new StringJoiner("&");
    for (String pair : rawQuery.split("&")) {
      String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
      boolean tracking = name.startsWith("utm_") || name.equals("fbclid") || name.equals("gclid")
          || name.equals("mc_cid") || name.equals("mc_eid") || name.equals("ocid") || name.equals("cmpid");
      if (!tracking && !pair.isEmpty()) {
        kept.add(pair);
      }
    }
    return kept.toString();
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
