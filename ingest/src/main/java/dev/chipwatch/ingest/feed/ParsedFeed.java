package dev.chipwatch.ingest.feed;

import java.util.List;

/** A feed after parsing: its title and its items in feed order. */
public record ParsedFeed(String title, List<FeedItem> items) {}
