package dev.chipwatch.ingest.feed;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** Builds {@link FeedItem}s the same way whatever the feed format. */
final class FeedItems {
  /** A date further ahead than this is taken as wrong (year 9999, mistyped years). */
  static final Duration MAX_FUTURE = Duration.ofDays(2);
  /** Before any feed format existed: epoch zero and year-1 dates from broken generators. */
  static final Instant EARLIEST = Instant.parse("1995-01-01T00:00:00Z");

  private FeedItems() {}

  /**
   * @param link the item's link as found (relative and non-http links are kept as guid only)
   * @param guid the item's own id, or null
   * @param date the date the feed gave (published, else updated), or null
   * @return the item, or null when it has neither a usable link nor a guid to identify it
   */
  static FeedItem item(String link, String guid, String titleHtml, String summaryHtml, List<String> contentsHtml,
      Instant date, Instant fetchedAt) {
    String webLink = webLink(link);
    String id = blankToNull(guid);
    if (id == null && webLink == null) {
      id = blankToNull(link); // a relative link still tells items apart
    }
    if (webLink == null && id == null) {
      return null;
    }
    String summary = TextCleaner.clean(summaryHtml);
    String content = contentsHtml.stream()
        .filter(Objects::nonNull)
        .map(TextCleaner::clean)
        .filter(text -> !text.isEmpty() && !text.equals(summary))
        .distinct()
        .collect(Collectors.joining(" "));
    boolean fallback = !plausible(date, fetchedAt);
    return new FeedItem(ArticleIds.of(webLink, id), webLink, id, TextCleaner.clean(titleHtml), summary, content,
        fallback ? fetchedAt : date, fallback);
  }

  static boolean plausible(Instant date, Instant fetchedAt) {
    return date != null && !date.isBefore(EARLIEST) && !date.isAfter(fetchedAt.plus(MAX_FUTURE));
  }

  /** Absolute http(s) links only: anything else (javascript:, relative paths) must not reach alerts as a link. */
  static String webLink(String link) {
    String candidate = blankToNull(link);
    if (candidate == null) {
      return null;
    }
    try {
      URI uri = new URI(candidate);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean web = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
      return web ? candidate : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
