package dev.chipwatch.app.runtime;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a keyed topic from its beginning to its current end, without a consumer group, committed
 * records only: the latest value of each key, a tombstone removing it. For the command line, which
 * reads a registry once and exits.
 */
public final class CompactedTopicReader {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private CompactedTopicReader() {}

  public static <T> Map<String, T> read(KafkaProperties kafka, String topic, Deserializer<T> values) {
    Map<String, T> latest = new LinkedHashMap<>();
    try (var consumer = new KafkaConsumer<>(kafka.consumer("chipwatch-cli-reader", null), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end within " + TIMEOUT.toSeconds() + " s");
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            latest.remove(r.key());
          } else {
            latest.put(r.key(), values.deserialize(topic, r.value()));
          }
        }
      }
    }
    return latest;
  }
}
