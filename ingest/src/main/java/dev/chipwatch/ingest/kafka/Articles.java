package dev.chipwatch.ingest.kafka;

import dev.chipwatch.ingest.feed.FeedItem;
import dev.chipwatch.schemas.avro.Article;
import java.time.Instant;

/** A parsed feed item as the Article record ingest writes to articles.raw. */
public final class Articles {
  private Articles() {}

  public static Article of(FeedItem item, String feedId, boolean official, Instant fetchedAt) {
    return Article.newBuilder()
        .setId(item.id())
        .setFeedId(feedId)
        .setLink(item.link())
        .setGuid(item.guid())
        .setTitle(item.title())
        .setSummary(item.summary())
        .setContent(item.content())
        .setPublished(item.published())
        .setFetchedAt(fetchedAt)
        .setPublishedFallback(item.publishedFallback())
        .setOfficial(official)
        .build();
  }
}
