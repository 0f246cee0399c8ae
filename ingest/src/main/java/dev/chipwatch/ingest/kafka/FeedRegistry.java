package dev.chipwatch.ingest.kafka;

import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.avro.FeedSource;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feeds this instance owns: the compacted feeds topic, read through a consumer group so the
 * partitions (and so the feeds) are split among ingest instances. Offsets are never committed:
 * every newly assigned partition is read from its beginning, which is the whole registry.
 */
public final class FeedRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedRegistry.class);

  private final Consumer<String, byte[]> consumer;
  private final Deserializer<FeedSource> values = Topics.valueSerde(FeedSource.class).deserializer();
  private final Map<String, FeedSource> feeds = new ConcurrentHashMap<>();
  private final Map<String, Integer> partitionOf = new ConcurrentHashMap<>();
  private boolean changed;

  public FeedRegistry(Consumer<String, byte[]> consumer, String feedsTopic) {
    this.consumer = consumer;
    consumer.subscribe(java.util.List.of(feedsTopic), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        forget(partitions);
      }

      @Override
      public void onPartitionsLost(Collection<TopicPartition> partitions) {
        forget(partitions);
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        consumer.seekToBeginning(partitions);
        changed = true;
      }
    });
  }

  private void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      partitionOf.entrySet().removeIf(e -> {
        if (e.getValue() == tp.partition()) {
          feeds.remove(e.getKey());
          return true;
        }
        return false;
      });
    }
    changed = true;
  }

  /** Reads new registry records; true when the set of owned feeds may have changed. */
  public boolean poll(Duration timeout) {
    changed = false;
    for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
      FeedSource feed = r.value() == null ? null : values.deserialize(r.topic(), r.value());
      if (feed == null) {
        if (feeds.remove(r.key()) != null) {
          LOG.info("feed {} removed", r.key());
        }
        partitionOf.remove(r.key());
      } else {
        feeds.put(r.key(), feed);
        partitionOf.put(r.key(), r.partition());
      }
      changed = true;
    }
    return changed;
  }

  public Map<String, FeedSource> feeds() {
    return feeds;
  }

  public void wakeup() {
    consumer.wakeup();
  }

  /**
   * Leaves the group, so the feeds move to the other instances at once. (An instance that crashes
   * instead is replaced at once by its restart when the consumer has a stable group.instance.id;
   * otherwise its feeds wait for its session to time out.)
   */
  @Override
  public void close() {
    consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(5)));
  }
}
