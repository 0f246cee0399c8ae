package dev.chipwatch.app.runtime;

import dev.chipwatch.schemas.TopicSnapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
      TopicSnapshot.read(consumer, topic, TIMEOUT, (key, value) -> {
        if (value == null) {
          latest.remove(key);
        } else {
          latest.put(key, values.deserialize(topic, value));
        }
      });
    }
    return latest;
  }
}
