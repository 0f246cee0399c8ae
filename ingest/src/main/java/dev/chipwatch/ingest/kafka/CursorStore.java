package dev.chipwatch.ingest.kafka;

import dev.chipwatch.schemas.TopicSnapshot;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.avro.FeedCursor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Every feed's cursor (kept compact, see {@link KnownCursor}), read (committed records only) from the compacted cursors topic. Re-read when
 * this instance's feeds change, so a feed that moves here carries on from its last committed cursor.
 */
public final class CursorStore implements AutoCloseable {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final Deserializer<FeedCursor> values = Topics.valueSerde(FeedCursor.class).deserializer();
  private final Map<String, KnownCursor> cursors = new ConcurrentHashMap<>();

  /** @param consumer a consumer without a group, reading committed records only */
  public CursorStore(Consumer<String, byte[]> consumer, String topic) {
    this.consumer = consumer;
    this.topic = topic;
  }

  /** Reads the cursors topic to its end. */
  public void refresh() {
    TopicSnapshot.read(consumer, topic, READ_TIMEOUT, (key, value) -> {
      if (value == null) {
        cursors.remove(key);
      } else {
        cursors.put(key, KnownCursor.of(values.deserialize(topic, value)));
      }
    });
  }

  KnownCursor get(String feedId) {
    return cursors.get(feedId);
  }

  /** True when a cursor for the feed is known. */
  public boolean has(String feedId) {
    return cursors.containsKey(feedId);
  }

  /** Records a cursor this instance has just committed to Kafka. */
  void put(FeedCursor cursor) {
    cursors.put(cursor.getFeedId(), KnownCursor.of(cursor));
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
