package dev.chipwatch.alerts.delivery;

import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.avro.Silence;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/** Keeps a {@link SilenceBook} in step with the compacted silences topic (every instance reads it all). */
public final class SilenceFeed implements AutoCloseable {
  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final SilenceBook book;
  private final Deserializer<Silence> values = Topics.valueSerde(Silence.class).deserializer();

  public SilenceFeed(Consumer<String, byte[]> consumer, String topic, SilenceBook book) {
    this.consumer = consumer;
    this.topic = topic;
    this.book = book;
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Reads up to the current end, so no delivery starts before the silences in force are known. */
  public void catchUp(Duration timeout) {
    var end = consumer.endOffsets(consumer.assignment(), timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read the silences topic " + topic + " within " + timeout.toSeconds() + " s");
      }
      step();
    }
  }

  public void step() {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
      book.put(r.key(), values.deserialize(r.topic(), r.value()));
    }
  }

  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
