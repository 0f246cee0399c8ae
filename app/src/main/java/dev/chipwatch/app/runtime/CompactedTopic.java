package dev.chipwatch.app.runtime;

import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A compacted topic used as a table by one-shot commands (rules, silences): read it whole, or
 * change several keys in one transaction, so that a change is applied entirely or not at all.
 */
public final class CompactedTopic<T extends SpecificRecord> {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KafkaProperties kafka;
  private final Topics topics;
  private final Topic topic;
  private final String name;
  private final Deserializer<T> values;

  public CompactedTopic(KafkaProperties kafka, Topics topics, Topic topic, Class<T> type) {
    this.kafka = kafka;
    this.topics = topics;
    this.topic = topic;
    this.name = topics.name(topic);
    this.values = Topics.valueSerde(type).deserializer();
  }

  /** The current value of every key, in the order the keys were first written; removed keys are absent. */
  public Map<String, T> readAll() {
    Map<String, T> table = new LinkedHashMap<>();
    try (var consumer = new KafkaConsumer<>(kafka.consumer("chipwatch-cli-" + UUID.randomUUID(), null),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(name, TIMEOUT).stream()
          .map(p -> new TopicPartition(name, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + name + " within " + TIMEOUT.toSeconds() + " s");
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          T value = values.deserialize(name, r.value());
          if (value == null) {
            table.remove(r.key());
          } else {
            table.put(r.key(), value);
          }
        }
      }
    }
    return table;
  }

  /** Writes every change in one transaction; a null value removes the key. */
  public void write(Map<String, T> changes) {
    if (changes.isEmpty()) {
      return;
    }
    var props = kafka.producer("chipwatch-cli", "chipwatch-cli-" + UUID.randomUUID());
    try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      try {
        for (Map.Entry<String, T> change : changes.entrySet()) {
          producer.send(topics.record(topic, change.getKey(), change.getValue()));
        }
        producer.commitTransaction();
      } catch (KafkaException e) {
        producer.abortTransaction();
        throw new IllegalStateException("nothing written to " + name + ": " + e.getMessage(), e);
      }
    }
  }
}
