package dev.chipwatch.app.runtime;

import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.DeadLetter;
import dev.chipwatch.schemas.avro.FeedCursor;
import dev.chipwatch.schemas.avro.FeedSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The feed registry as an operator sees it: the compacted feeds topic, changed at run time, and
 * what ingest last recorded about each feed (its cursor, its latest dead letter).
 */
public final class FeedCatalog {
  /** A registered feed with what is known of it; cursor and last error are null when unknown. */
  public record Entry(FeedSource feed, FeedCursor cursor, DeadLetter lastError) {}

  private final KafkaProperties kafka;
  private final Topics topics;

  public FeedCatalog(KafkaProperties kafka, Topics topics) {
    this.kafka = kafka;
    this.topics = topics;
  }

  public Map<String, FeedSource> feeds() {
    return CompactedTopicReader.read(kafka, topics.name(Topic.FEEDS),
        Topics.valueSerde(FeedSource.class).deserializer());
  }

  /** Adds the feed, or replaces the one with the same id. */
  public void put(FeedSource feed) {
    Seeder.write(kafka, topics, Topic.FEEDS, List.of(new Seeder.Keyed<>(feed.getId(), feed)));
  }

  /** Writes the tombstone that makes ingest stop polling the feed. */
  public void remove(String id) {
    Seeder.write(kafka, topics, Topic.FEEDS, List.of(new Seeder.Keyed<FeedSource>(id, null)));
  }

  /** Every registered feed by id, with its cursor and its latest ingest dead letter. */
  public List<Entry> list() {
    Map<String, FeedCursor> cursors = CompactedTopicReader.read(kafka, topics.name(Topic.INGEST_CURSORS),
        Topics.valueSerde(FeedCursor.class).deserializer());
    // the dlq is not compacted: reading it keeps the latest dead letter per key, which is what we want
    Map<String, DeadLetter> errors = CompactedTopicReader.read(kafka, topics.name(Topic.DLQ),
        Topics.valueSerde(DeadLetter.class).deserializer());
    List<Entry> entries = new ArrayList<>();
    for (FeedSource feed : feeds().values()) {
      DeadLetter error = errors.get(feed.getId());
      entries.add(new Entry(feed, cursors.get(feed.getId()),
          error != null && "ingest".equals(error.getStage()) ? error : null));
    }
    entries.sort(Comparator.comparing(e -> e.feed().getId()));
    return entries;
  }
}
