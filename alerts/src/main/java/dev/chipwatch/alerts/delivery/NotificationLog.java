package dev.chipwatch.alerts.delivery;

import dev.chipwatch.schemas.TopicSnapshot;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.avro.Notification;
import dev.chipwatch.schemas.avro.NotificationOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What was delivered where, kept in a compacted topic: a restarted process re-reads it so that an
 * alert already delivered to (or dead-lettered for, or silenced for) a receiver is not handled
 * again. Just before each send a SENDING record is written: after a crash, an alert whose last
 * record is SENDING may have reached the receiver already, and its resend is counted as a possible
 * duplicate.
 */
public final class NotificationLog {
  private final String topic;
  private final Producer<String, byte[]> producer;
  private final Serializer<Notification> serializer = Topics.valueSerde(Notification.class).serializer();
  private final Deserializer<Notification> deserializer = Topics.valueSerde(Notification.class).deserializer();
  private final Set<String> done = ConcurrentHashMap.newKeySet();
  private final Set<String> maybeSent = ConcurrentHashMap.newKeySet();

  public NotificationLog(String topic, Producer<String, byte[]> producer) {
    this.topic = topic;
    this.producer = producer;
  }

  /** Reads the whole log; call before delivering. */
  public void load(Consumer<String, byte[]> consumer) {
    TopicSnapshot.read(consumer, topic, Duration.ofSeconds(60), (key, value) -> {
      Notification n = deserializer.deserialize(topic, value);
      if (n == null) {
        return;
      }
      if (n.getOutcome() == NotificationOutcome.SENDING) {
        maybeSent.add(key);
      } else {
        maybeSent.remove(key);
        done.add(key);
      }
    });
  }

  /** Delivered, dead-lettered or silenced already: nothing more to do. */
  public boolean handled(String receiver, String alertId) {
    return done.contains(key(receiver, alertId));
  }

  /** A send was started before a restart and never recorded as finished: the receiver may have it. */
  public boolean maybeSent(String receiver, String alertId) {
    return maybeSent.contains(key(receiver, alertId));
  }

  /** Records one outcome for each alert and waits until Kafka has acknowledged them all. */
  public void record(String receiver, Collection<String> alertIds, NotificationOutcome outcome, int attempts, Instant at) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (String alertId : alertIds) {
      Notification n = new Notification(alertId, receiver, outcome, attempts, at);
      acks.add(producer.send(new ProducerRecord<>(topic, key(receiver, alertId), serializer.serialize(topic, n))));
    }
    try {
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write the notification log: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing the notification log", e);
    }
    if (outcome != NotificationOutcome.SENDING) {
      for (String alertId : alertIds) {
        done.add(key(receiver, alertId));
        maybeSent.remove(key(receiver, alertId));
      }
    }
  }

  private static String key(String receiver, String alertId) {
    return receiver + "|" + alertId;
  }
}
