package dev.chipwatch.alerts.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.alerts.notify.DeliveryResult;
import dev.chipwatch.alerts.notify.MutableClock;
import dev.chipwatch.alerts.notify.Notifier;
import dev.chipwatch.alerts.notify.RetryPolicy;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.DeadLetter;
import dev.chipwatch.schemas.avro.Notification;
import dev.chipwatch.schemas.avro.NotificationOutcome;
import dev.chipwatch.schemas.avro.RuleKind;
import dev.chipwatch.schemas.avro.Severity;
import dev.chipwatch.schemas.avro.Silence;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Grouping, retries, throttling, silences and the notification log, with Kafka's mock clients and a hand-moved clock. */
class ReceiverDeliveryTest {
  private static final Instant START = Instant.parse("2025-07-15T09:00:00Z");
  private static final Duration WINDOW = Duration.ofSeconds(2);

  private final Topics topics = Topics.withDefaultPrefix();
  private final String alertsTopic = topics.name(Topic.ALERTS);
  private final TopicPartition partition = new TopicPartition(alertsTopic, 0);
  private final MutableClock clock = new MutableClock(START);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final SilenceBook silences = new SilenceBook();
  private final ScriptedNotifier notifier = new ScriptedNotifier();
  private NotificationLog log;
  private ReceiverDelivery delivery;
  private long nextOffset;

  @BeforeEach
  void start() {
    log = new NotificationLog(topics.name(Topic.NOTIFICATIONS_LOG), producer);
    delivery = delivery(log);
  }

  private ReceiverDelivery delivery(NotificationLog notificationLog) {
    RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), 2.0, 0.0, 4,
        Duration.ofMinutes(10), new Random(1), clock);
    ReceiverDelivery d = new ReceiverDelivery("team", notifier, consumer, producer, notificationLog, silences, topics,
        clock, new ReceiverDelivery.Settings(WINDOW, 3, retry), new DeliveryMetrics(registry, name -> "slack"));
    consumer.rebalance(List.of(partition));
    consumer.updateBeginningOffsets(Map.of(partition, 0L));
    return d;
  }

  @Test
  void firstAlertGoesAtOnceAndTheNextOnesWaitForTheWindowAsOneDigest() {
    publish("a");
    delivery.step();
    assertEquals(List.of(List.of("a")), notifier.sent);

    clock.advance(Duration.ofMillis(500));
    publish("b");
    publish("c");
    delivery.step();
    assertEquals(1, notifier.sent.size(), "b and c wait for the window");
    assertEquals(1, committed(), "nothing past a is committed while b and c wait");

    clock.advance(WINDOW);
    delivery.step();
    assertEquals(List.of(List.of("a"), List.of("b", "c")), notifier.sent);
    assertEquals(3, committed());
    assertEquals(List.of(NotificationOutcome.SENDING, NotificationOutcome.DELIVERED, NotificationOutcome.SENDING,
        NotificationOutcome.SENDING, NotificationOutcome.DELIVERED, NotificationOutcome.DELIVERED), outcomes());
  }

  @Test
  void aDigestHoldsAtMostMaxDigestAlertsAndTheRestFollow() {
    for (String id : List.of("a", "b", "c", "d", "e")) {
      publish(id);
    }
    delivery.step();
    clock.advance(WINDOW);
    delivery.step();
    assertEquals(List.of(List.of("a", "b", "c"), List.of("d", "e")), notifier.sent);
    assertEquals(5, committed());
  }

  @Test
  void aFailingMessageIsRetriedWithBackoffAndNothingOvertakesIt() {
    notifier.script(DeliveryResult.retryable("HTTP 500"), DeliveryResult.retryable("HTTP 503"));
    publish("a");
    delivery.step();
    publish("b");
    delivery.step();
    assertEquals(1, notifier.sent.size(), "waiting 1 s before the second attempt");
    clock.advance(Duration.ofSeconds(1));
    delivery.step();
    assertEquals(2, notifier.sent.size());
    clock.advance(Duration.ofSeconds(2));
    delivery.step(); // third attempt succeeds
    clock.advance(WINDOW);
    delivery.step();
    delivery.step();
    assertEquals(List.of(List.of("a"), List.of("a"), List.of("a"), List.of("b")), notifier.sent);
    assertEquals(2, committed());
    assertEquals(2.0, registry.counter("chipwatch.notifications.failed", "receiver_type", "slack", "reason", "retryable").count());
  }

  @Test
  void throttlingCostsNoAttemptAndIsNoFailure() {
    notifier.script(DeliveryResult.throttled(Duration.ofMillis(700)));
    publish("a");
    delivery.step();
    delivery.step();
    assertEquals(1, notifier.sent.size());
    clock.advance(Duration.ofMillis(700));
    delivery.step();
    assertEquals(List.of(List.of("a"), List.of("a")), notifier.sent);
    assertEquals(0, registry.find("chipwatch.notifications.failed").counters().size());
    assertEquals(1, committed());
  }

  @Test
  void givingUpOrAPermanentRefusalDeadLettersAndMovesOn() {
    notifier.script(DeliveryResult.permanent("HTTP 403 (invalid_token)"));
    publish("a");
    publish("b");
    delivery.step();
    DeadLetter dl = Topics.valueSerde(DeadLetter.class).deserializer().deserialize("dlq", dlq().get(0).value());
    assertEquals("alert a: HTTP 403 (invalid_token)", dl.getMessage());
    assertEquals(2, dlq().size(), "both alerts of the refused digest");
    assertEquals(2, committed());
  }

  @Test
  void silencedAlertsAreRecordedNotSentAndExpiredSilencesStopApplying() {
    silences.put("s1", silence(Map.of("item", "nvidia-h20"), START, START.plus(Duration.ofHours(1))));
    publish("a");
    delivery.step();
    assertEquals(List.of(), notifier.sent);
    assertEquals(List.of(NotificationOutcome.SILENCED), outcomes());
    assertEquals(1.0, registry.counter("chipwatch.notifications.silenced", "receiver_type", "slack").count());
    assertEquals(1, committed());

    clock.advance(Duration.ofHours(1));
    publish("b");
    delivery.step();
    assertEquals(List.of(List.of("b")), notifier.sent, "the silence ended");
  }

  @Test
  void aResendAfterACutOffSendIsCountedAsAPossibleDuplicate() {
    // an earlier run wrote SENDING for a, then died before DELIVERED
    MockConsumer<String, byte[]> logReader = new MockConsumer<>("earliest");
    String logTopic = topics.name(Topic.NOTIFICATIONS_LOG);
    TopicPartition logPartition = new TopicPartition(logTopic, 0);
    logReader.updatePartitions(logTopic, List.of(new PartitionInfo(logTopic, 0, null, null, null)));
    logReader.updateBeginningOffsets(Map.of(logPartition, 0L));
    logReader.updateEndOffsets(Map.of(logPartition, 2L));
    logReader.schedulePollTask(() -> {
      logReader.addRecord(logRecord(logTopic, 0, "a", NotificationOutcome.SENDING));
      logReader.addRecord(logRecord(logTopic, 1, "b", NotificationOutcome.DELIVERED));
    });
    NotificationLog restarted = new NotificationLog(logTopic, producer);
    restarted.load(logReader);
    assertTrue(restarted.maybeSent("team", "a"));
    assertTrue(restarted.handled("team", "b"));

    ReceiverDelivery again = new ReceiverDelivery("team", notifier, consumer, producer, restarted, silences, topics,
        clock, new ReceiverDelivery.Settings(WINDOW, 3, RetryPolicy.defaults(new Random(1), clock)),
        new DeliveryMetrics(registry, name -> "slack"));
    consumer.rebalance(List.of(partition));
    publish("a");
    publish("b");
    again.step();
    assertEquals(List.of(List.of("a")), notifier.sent, "b was delivered before the restart");
    assertEquals(1.0, registry.counter("chipwatch.notifications.possible.duplicates", "receiver_type", "slack").count());
  }

  // ---- helpers

  private void publish(String id) {
    Alert alert = Alert.newBuilder()
        .setId(id).setRuleId("h20").setRuleKind(RuleKind.EXPORT_STATUS).setSeverity(Severity.WARNING)
        .setTitle("t " + id).setText("x").setSubject("nvidia-h20|CN")
        .setLabels(Map.of("kind", "EXPORT_STATUS", "item", "nvidia-h20"))
        .setReceivers(List.of("team", "other"))
        .setOccurredAt(START).setFirstSeenAt(START).setRaisedAt(clock.instant())
        .build();
    byte[] value = Topics.valueSerde(Alert.class).serializer().serialize(alertsTopic, alert);
    consumer.addRecord(new ConsumerRecord<>(alertsTopic, 0, nextOffset++, "h20", value));
  }

  private ConsumerRecord<String, byte[]> logRecord(String topic, long offset, String alertId, NotificationOutcome outcome) {
    Notification n = new Notification(alertId, "team", outcome, 1, START);
    return new ConsumerRecord<>(topic, 0, offset, "team|" + alertId,
        Topics.valueSerde(Notification.class).serializer().serialize(topic, n));
  }

  private static Silence silence(Map<String, String> matchers, Instant from, Instant to) {
    return Silence.newBuilder().setId("s1").setMatchers(matchers).setStartsAt(from).setEndsAt(to).build();
  }

  private long committed() {
    var offsets = consumer.committed(Set.of(partition));
    return offsets.get(partition) == null ? 0 : offsets.get(partition).offset();
  }

  private List<NotificationOutcome> outcomes() {
    String logTopic = topics.name(Topic.NOTIFICATIONS_LOG);
    return producer.history().stream().filter(r -> r.topic().equals(logTopic))
        .map(r -> Topics.valueSerde(Notification.class).deserializer().deserialize(logTopic, r.value()).getOutcome())
        .toList();
  }

  private List<ProducerRecord<String, byte[]>> dlq() {
    return producer.history().stream().filter(r -> r.topic().equals(topics.name(Topic.DLQ))).toList();
  }

  /** Records each message's alert ids; answers from a script, then OK. */
  private static final class ScriptedNotifier implements Notifier {
    final List<List<String>> sent = new ArrayList<>();
    private final Deque<DeliveryResult> script = new ArrayDeque<>();

    void script(DeliveryResult... results) {
      script.addAll(List.of(results));
    }

    @Override
    public DeliveryResult send(List<Alert> alerts) {
      sent.add(alerts.stream().map(Alert::getId).toList());
      return script.isEmpty() ? DeliveryResult.ok() : script.poll();
    }
  }
}
