package dev.chipwatch.alerts.delivery;

import dev.chipwatch.alerts.notify.DeliveryResult;
import dev.chipwatch.alerts.notify.Notifier;
import dev.chipwatch.alerts.notify.RetryPolicy;
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
import java.util.Optional;
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
 * deliveries (waiting for a retry or for their digest) survive a restart; the log makes the restart
 * skip what was already handled.
 *
 * <p>Grouping: the first alert after a quiet spell goes out at once; alerts arriving within
 * {@code groupWindow} of the last message wait for the window to end and go out together as one
 * digest (at most {@code maxDigest} alerts). Retries follow the {@link RetryPolicy}, in order:
 * nothing behind a failing message overtakes it. Silenced alerts are recorded and skipped at the
 * moment they are due, so a silence added while an alert waits still applies, and an expired one
 * no longer does.
 *
 * <p>The one window for a duplicate: between the receiver accepting a message and the log
 * recording it — the process dies there, or the receiver's answer is lost (a timeout after it
 * accepted). A SENDING record written just before each send lets a restarted process count such
 * resends ({@code chipwatch.notifications.possible.duplicates}); the alert id travels with every
 * message (webhook Idempotency-Key, email Message-ID) so receivers that care can drop it.
 */
public final class ReceiverDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiverDelivery.class);
  private static final Duration MAX_POLL = Duration.ofMillis(500);

  /** A polled record: its position, and the alert when it is for this receiver and still to do. */
  private record Entry(TopicPartition partition, long offset, Alert alert) {}

  /** A message being tried: the alerts in it, the buffer entries it settles, its retry schedule. */
  private record Attempt(List<Alert> alerts, int entries, int attempts, Instant firstAttemptAt, Instant nextAt,
      boolean announced) {}

  /** How a receiver's messages are grouped and retried. */
  public record Settings(Duration groupWindow, int maxDigest, RetryPolicy retry) {
    public Settings {
      if (groupWindow.isNegative() || maxDigest < 1) {
        throw new IllegalArgumentException("groupWindow must be ≥ 0 and maxDigest ≥ 1");
      }
    }
  }

  private final String receiver;
  private final Notifier notifier;
  private final Consumer<String, byte[]> consumer;
  private final Producer<String, byte[]> producer;
  private final NotificationLog log;
  private final SilenceBook silences;
  private final Topics topics;
  private final Clock clock;
  private final Settings settings;
  private final DeliveryMetrics metrics;
  private final Deserializer<Alert> alerts = Topics.valueSerde(Alert.class).deserializer();
  private final List<Entry> buffer = new ArrayList<>();
  private Attempt pending;
  private Instant lastSentAt = Instant.MIN;

  public ReceiverDelivery(String receiver, Notifier notifier, Consumer<String, byte[]> consumer,
      Producer<String, byte[]> producer, NotificationLog log, SilenceBook silences, Topics topics, Clock clock,
      Settings settings, DeliveryMetrics metrics) {
    this.receiver = receiver;
    this.notifier = notifier;
    this.consumer = consumer;
    this.producer = producer;
    this.log = log;
    this.silences = silences;
    this.topics = topics;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
    consumer.subscribe(List.of(topics.name(Topic.ALERTS)), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // the new owner re-reads from the last committed offset
        buffer.clear();
        pending = null;
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
    });
  }

  public void step() {
    if (pending != null) {
      holdBack(); // keeps the group membership alive while waiting
      if (!clock.instant().isBefore(pending.nextAt())) {
        attempt(pending);
      }
      return;
    }
    poll();
    if (buffer.isEmpty()) {
      return;
    }
    int due = (int) buffer.stream().filter(e -> e.alert() != null).count();
    if (due == 0) {
      commit(buffer.size());
      return;
    }
    if (!clock.instant().isBefore(lastSentAt.plus(settings.groupWindow()))) {
      attempt(nextMessage());
    }
  }

  private void poll() {
    int due = (int) buffer.stream().filter(e -> e.alert() != null).count();
    if (due >= settings.maxDigest()) {
      holdBack(); // a full digest is waiting: read no further until it is out
      return;
    }
    consumer.resume(consumer.paused());
    Duration timeout = MAX_POLL;
    if (due > 0) {
      Duration untilWindow = Duration.between(clock.instant(), lastSentAt.plus(settings.groupWindow()));
      timeout = untilWindow.isNegative() ? Duration.ZERO : untilWindow.compareTo(MAX_POLL) < 0 ? untilWindow : MAX_POLL;
    }
    for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
      Alert alert = r.value() == null ? null : alerts.deserialize(r.topic(), r.value());
      boolean mine = alert != null && alert.getReceivers().contains(receiver) && !log.handled(receiver, alert.getId());
      buffer.add(new Entry(new TopicPartition(r.topic(), r.partition()), r.offset(), mine ? alert : null));
    }
  }

  private void holdBack() {
    consumer.pause(consumer.assignment());
    consumer.poll(Duration.ofMillis(100));
  }

  /** The oldest waiting alerts, up to a full digest, and the entries up to the last of them. */
  private Attempt nextMessage() {
    List<Alert> message = new ArrayList<>();
    int entries = 0;
    for (Entry e : buffer) {
      if (e.alert() != null) {
        if (message.size() == settings.maxDigest()) {
          break;
        }
        message.add(e.alert());
      }
      entries++;
    }
    Instant now = clock.instant();
    return new Attempt(message, entries, 0, now, now, false);
  }

  private void attempt(Attempt a) {
    Instant now = clock.instant();
    List<Alert> toSend = new ArrayList<>();
    List<String> silenced = new ArrayList<>();
    for (Alert alert : a.alerts()) {
      if (silences.silencing(alert, now).isPresent()) {
        silenced.add(alert.getId());
        metrics.silenced(receiver);
      } else {
        toSend.add(alert);
      }
    }
    if (!silenced.isEmpty()) {
      log.record(receiver, silenced, NotificationOutcome.SILENCED, a.attempts(), now);
      LOG.info("receiver {}: {} alert(s) silenced", receiver, silenced.size());
    }
    if (toSend.isEmpty()) {
      finish(a, false);
      return;
    }
    if (!a.announced()) {
      for (Alert alert : toSend) {
        if (log.maybeSent(receiver, alert.getId())) {
          metrics.possibleDuplicate(receiver);
          LOG.warn("receiver {}: resending alert {} whose earlier send was cut off; the receiver may see it twice",
              receiver, alert.getId());
        }
      }
      log.record(receiver, toSend.stream().map(Alert::getId).toList(), NotificationOutcome.SENDING, 0, now);
    }
    DeliveryResult result = notifier.send(toSend);
    now = clock.instant();
    int attempts = a.attempts() + 1;
    if (result instanceof DeliveryResult.Throttled t) {
      // a local rate limit: nothing left, so this costs no attempt
      pending = new Attempt(toSend, a.entries(), a.attempts(), a.firstAttemptAt(), now.plus(t.holdFor()), true);
      return;
    }
    if (result instanceof DeliveryResult.Retryable r) {
      Optional<Instant> next = settings.retry().nextAttempt(attempts, a.firstAttemptAt(), r);
      metrics.failed(receiver, "retryable");
      if (next.isPresent()) {
        LOG.warn("receiver {}: delivery of {} alert(s) failed ({}), attempt {}; retrying in {} ms", receiver,
            toSend.size(), r.reason(), attempts, Duration.between(now, next.get()).toMillis());
        pending = new Attempt(toSend, a.entries(), attempts, a.firstAttemptAt(), next.get(), true);
        return;
      }
      deadLetter(toSend, "gave up after " + attempts + " attempt(s): " + r.reason(), attempts, now);
    } else if (result instanceof DeliveryResult.Permanent p) {
      metrics.failed(receiver, "permanent");
      deadLetter(toSend, p.reason(), attempts, now);
    } else {
      log.record(receiver, toSend.stream().map(Alert::getId).toList(), NotificationOutcome.DELIVERED, attempts, now);
      for (Alert alert : toSend) {
        metrics.delivered(receiver, alert, now);
      }
      metrics.digest(receiver, toSend.size());
    }
    finish(a, true);
  }

  private void deadLetter(List<Alert> failed, String reason, int attempts, Instant now) {
    LOG.error("receiver {}: {} alert(s) not delivered ({}); sent to the dlq", receiver, failed.size(), reason);
    for (Alert alert : failed) {
      DeadLetter dl = DeadLetter.newBuilder()
          .setSourceId(receiver)
          .setStage("alerts")
          .setReason("DELIVERY_REFUSED")
          .setMessage("alert " + alert.getId() + ": " + reason)
          .setAt(now)
          .build();
      producer.send(topics.record(Topic.DLQ, receiver, dl));
    }
    producer.flush();
    log.record(receiver, failed.stream().map(Alert::getId).toList(), NotificationOutcome.DEAD_LETTERED, attempts, now);
  }

  /** Commits past the entries the message settled and starts the group window if something went out. */
  private void finish(Attempt a, boolean sent) {
    commit(a.entries());
    if (sent) {
      lastSentAt = clock.instant();
    }
    pending = null;
  }

  private void commit(int entries) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Entry e : buffer.subList(0, entries)) {
      offsets.put(e.partition(), new OffsetAndMetadata(e.offset() + 1));
    }
    consumer.commitSync(offsets);
    buffer.subList(0, entries).clear();
  }

  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
