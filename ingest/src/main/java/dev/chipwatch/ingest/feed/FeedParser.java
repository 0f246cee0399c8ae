package dev.chipwatch.ingest.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

/** Parses RSS and Atom bytes with ROME (DOCTYPEs forbidden) into cleaned {@link FeedItem}s. */
public final class FeedParser {
  /** A date further ahead than this is taken as wrong (year 9999, mistyped years). */
  private static final Duration MAX_FUTURE = Duration.ofDays(2);

  public ParsedFeed parse(byte[] body, String contentType, Instant fetchedAt)
      throws dev.chipwatch.ingest.feed.FeedException {
    if (body == null || body.length == 0) {
      throw new dev.chipwatch.ingest.feed.FeedException(
          dev.chipwatch.ingest.feed.FeedException.Reason.NOT_A_FEED, "empty document");
    }
    SyndFeed feed;
    try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
      SyndFeedInput input = new SyndFeedInput();
      input.setAllowDoctypes(false);
      feed = input.build(reader);
    } catch (IllegalArgumentException e) {
      throw new dev.chipwatch.ingest.feed.FeedException(
          dev.chipwatch.ingest.feed.FeedException.Reason.NOT_A_FEED, "not an RSS or Atom feed: " + e.getMessage(), e);
    } catch (FeedException | IOException e) {
      throw new dev.chipwatch.ingest.feed.FeedException(
          dev.chipwatch.ingest.feed.FeedException.Reason.PARSE_ERROR, firstLine(e.getMessage()), e);
    }
    List<FeedItem> items = new ArrayList<>();
    for (SyndEntry entry : feed.getEntries()) {
      FeedItem item = toItem(entry, fetchedAt);
      if (item != null) {
        items.add(item);
      }
    }
    return new ParsedFeed(feed.getTitle() == null ? "" : TextCleaner.clean(feed.getTitle()), items);
  }

  private static FeedItem toItem(SyndEntry entry, Instant fetchedAt) {
    String link = blankToNull(entry.getLink());
    String guid = blankToNull(entry.getUri());
    if (link == null && guid == null) {
      return null;
    }
    String summary = entry.getDescription() == null ? "" : TextCleaner.clean(entry.getDescription().getValue());
    String content = entry.getContents().stream()
        .map(SyndContent::getValue)
        .map(TextCleaner::clean)
        .filter(text -> !text.isEmpty() && !text.equals(summary))
        .collect(Collectors.joining(" "));
    Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
    Instant published = date == null ? null : date.toInstant();
    boolean fallback = published == null || published.isAfter(fetchedAt.plus(MAX_FUTURE));
    return new FeedItem(
        ArticleIds.of(link, guid),
        link,
        guid,
        entry.getTitle() == null ? "" : TextCleaner.clean(entry.getTitle()),
        summary,
        content,
        fallback ? fetchedAt : published,
        fallback);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable XML";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
