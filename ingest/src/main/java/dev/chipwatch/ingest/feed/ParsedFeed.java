package dev.chipwatch.ingest.feed;

import java.util.List;

/**
 * A feed after parsing: its title and its items in feed order.
 *
 * @param hub the WebSub hub the feed names ({@code <link rel="hub">}), or null
 * @param self the feed's own URL as it names it ({@code <link rel="self">}): the WebSub topic; or null
 */
public record ParsedFeed(String title, List<FeedItem> items, String hub, String self) {
  public ParsedFeed(String title, List<FeedItem> items) {
    this(title, items, null, null);
  }
}
