package dev.chipwatch.app.cli;

import dev.chipwatch.app.runtime.KafkaProperties;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.avro.Alert;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the alerts topic as a subscriber does (committed records only), without a consumer group. */
final class AlertStream implements AutoCloseable {
  private final KafkaConsumer<String, Alert> consumer;

  AlertStream(KafkaProperties kafka, String topic, boolean fromBeginning) {
    Deserializer<Alert> values = Topics.valueSerde(Alert.class).deserializer();
    consumer = new KafkaConsumer<>(kafka.consumer("chipwatch-tail", null), new StringDeserializer(), values);
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
    }
  }

  /** Hands each alert to {@code sink} until {@code stop} says so. */
  void follow(Consumer<Alert> sink, BooleanSupplier stop) {
    while (!stop.getAsBoolean()) {
      for (ConsumerRecord<String, Alert> r : consumer.poll(Duration.ofMillis(250))) {
        if (r.value() != null) {
          sink.accept(r.value());
        }
      }
    }
  }

  void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
