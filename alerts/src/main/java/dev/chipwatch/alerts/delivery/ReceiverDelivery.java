package dev.chipwatch.alerts.delivery;

import dev.chipwatch.alerts.notify.DeliveryResult;
import dev.chipwatch.alerts.notify.Notifier;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.DeadLetter;
import dev.chipwatch.schemas.avro.NotificationOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the alerts addressed to one receiver. Each receiver reads the alerts topic in its own
 * consumer group, so a receiver that is down (SMTP) holds back only itself. The offset is committed
 * only after the receiver accepted the alerts and the notification log recorded it, so pending
 * deliveries survive a restart; the log makes the restart skip what was already delivered.
 *
 * <p>The one window for a duplicate: the process dies after the receiver accepted a message and
 * before the log record was acknowledged. The alert id travels with every message (webhook
 * Idempotency-Key) so receivers that care can drop it.
 */
public final class ReceiverDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiverDelivery.class);

  private record Pending(List<Alert> alerts, Map<TopicPartition, OffsetAndMetadata> offsets, int attempts,
      Instant nextAttempt) {}

  private final String receiver;
  private final Notifier notifier;
  private final Consumer<String, byte[]> consumer;
  private final Producer<String, byte[]> producer;
  private final NotificationLog log;
  private final Topics topics;
  private final Clock clock;
  private final Backoff backoff;
  private final DeliveryMetrics metrics;
  private final Deserializer<Alert> alerts = Topics.valueSerde(Alert.class).deserializer();
  private Pending pending;

  public ReceiverDelivery(String receiver, Notifier notifier, Consumer<String, byte[]> consumer,
      Producer<String, byte[]> producer, NotificationLog log, Topics topics, Clock clock, Backoff backoff,
      DeliveryMetrics metrics) {
    this.receiver = receiver;
    this.notifier = notifier;
    this.consumer = consumer;
    this.producer = producer;
    this.log = log;
    this.topics = topics;
    this.clock = clock;
    this.backoff = backoff;
    this.metrics = metrics;
    consumer.subscribe(List.of(topics.name(Topic.ALERTS)), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        pending = null; // the new owner re-reads from the last committed offset
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
    });
  }

  public void step() {
    if (pending != null) {
      consumer.poll(Duration.ofMillis(100)); // paused: keeps the group membership alive
      if (!clock.instant().isBefore(pending.nextAttempt())) {
        attempt(pending);
      }
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    List<Alert> batch = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
      offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
      Alert alert = r.value() == null ? null : alerts.deserialize(r.topic(), r.value());
      if (alert != null && alert.getReceivers().contains(receiver) && !log.handled(receiver, alert.getId())) {
        batch.add(alert);
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    if (batch.isEmpty()) {
      consumer.commitSync(offsets);
      return;
    }
    attempt(new Pending(batch, offsets, 0, clock.instant()));
  }

  private void attempt(Pending p) {
    int attempts = p.attempts() + 1;
    DeliveryResult result = notifier.send(p.alerts());
    Instant now = clock.instant();
    if (result instanceof DeliveryResult.Retryable r) {
      Duration wait = backoff.delay(attempts, r.retryAfter().orElse(null));
      metrics.failed(receiver, DeliveryMetrics.RETRYABLE);
      LOG.warn("receiver {}: delivery of {} alert(s) failed ({}), attempt {}; retrying in {} ms",
          receiver, p.alerts().size(), r.reason(), attempts, wait.toMillis());
      consumer.pause(consumer.assignment());
      pending = new Pending(p.alerts(), p.offsets(), attempts, now.plus(wait));
      return;
    }
    NotificationOutcome outcome = NotificationOutcome.DELIVERED;
    if (result instanceof DeliveryResult.Permanent permanent) {
      outcome = NotificationOutcome.DEAD_LETTERED;
      metrics.failed(receiver, DeliveryMetrics.PERMANENT);
      LOG.error("receiver {}: {} alert(s) refused for good ({}); sent to the dlq", receiver, p.alerts().size(),
          permanent.reason());
      for (Alert a : p.alerts()) {
        deadLetter(a, permanent.reason(), now);
      }
    }
    for (Alert a : p.alerts()) {
      log.record(receiver, a.getId(), outcome, attempts, now);
      if (outcome == NotificationOutcome.DELIVERED) {
        metrics.delivered(receiver, a, now);
      }
    }
    consumer.commitSync(p.offsets());
    consumer.resume(consumer.paused());
    pending = null;
  }

  private void deadLetter(Alert a, String reason, Instant now) {
    DeadLetter dl = DeadLetter.newBuilder()
        .setSourceId(receiver)
        .setStage("alerts")
        .setReason("DELIVERY_REFUSED")
        .setMessage("alert " + a.getId() + ": " + reason)
        .setAt(now)
        .build();
    producer.send(topics.record(Topic.DLQ, receiver, dl));
  }

  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
