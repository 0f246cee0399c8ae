package dev.chipwatch.alerts.delivery;

import dev.chipwatch.schemas.TopicSnapshot;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.avro.Notification;
import dev.chipwatch.schemas.avro.NotificationOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What was delivered where, kept in a compacted topic: a restarted process re-reads it so that an
 * alert already delivered to a receiver is not delivered again.
 */
public final class NotificationLog {
  private final String topic;
  private final Producer<String, byte[]> producer;
  private final Set<String> done = ConcurrentHashMap.newKeySet();

  public NotificationLog(String topic, Producer<String, byte[]> producer) {
    this.topic = topic;
    this.producer = producer;
  }

  /** Reads the whole log; call before delivering. */
  public void load(Consumer<String, byte[]> consumer) {
    TopicSnapshot.read(consumer, topic, Duration.ofSeconds(60), (key, value) -> {
      if (value != null) {
        done.add(key);
      }
    });
  }

  public boolean handled(String receiver, String alertId) {
    return done.contains(key(receiver, alertId));
  }

  /** Records the outcome and waits for Kafka's acknowledgement. */
  public void record(String receiver, String alertId, NotificationOutcome outcome, int attempts, Instant at) {
    Notification n = new Notification(alertId, receiver, outcome, attempts, at);
    String key = key(receiver, alertId);
    try {
      producer.send(new ProducerRecord<>(topic, key,
          Topics.valueSerde(Notification.class).serializer().serialize(topic, n))).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write the notification log: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing the notification log", e);
    }
    done.add(key);
  }

  private static String key(String receiver, String alertId) {
    return receiver + "|" + alertId;
  }
}
