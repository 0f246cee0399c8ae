package dev.chipwatch.ingest.feed;

import java.time.Instant;

/**
 * One item of a parsed feed, its text already cleaned of markup.
 *
 * @param id sha256 hex of the canonical link, or of the guid when there is no link
 * @param publishedFallback true when the feed gave no usable date and {@code published} is the fetch time
 */
public record FeedItem(
    String id,
    String link,
    String guid,
    String title,
    String summary,
    String content,
    Instant published,
    boolean publishedFallback) {}
