package dev.chipwatch.ingest.kafka;

import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.avro.FeedCursor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
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
    List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
    consumer.seekToBeginning(partitions);
    long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
    while (!caughtUp(end)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read " + topic + " to its end within " + READ_TIMEOUT.toSeconds() + " s");
      }
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        if (r.value() == null) {
          cursors.remove(r.key());
        } else {
          cursors.put(r.key(), KnownCursor.of(values.deserialize(r.topic(), r.value())));
        }
      }
    }
  }

  private boolean caughtUp(Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), READ_TIMEOUT) >= e.getValue());
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
