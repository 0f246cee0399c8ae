package dev.chipwatch.schemas;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Reads a whole topic (a compacted table, typically) from its beginning to its current end. */
public final class TopicSnapshot {
  private TopicSnapshot() {}

  /**
   * @param consumer a consumer without a group; it is assigned every partition of the topic
   * @param onRecord gets each key and raw value (null for a tombstone), in offset order per partition
   */
  public static void read(Consumer<String, byte[]> consumer, String topic, Duration timeout,
      BiConsumer<String, byte[]> onRecord) {
    List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read " + topic + " to its end within " + timeout.toSeconds() + " s");
      }
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        onRecord.accept(r.key(), r.value());
      }
    }
  }
}
