package dev.chipwatch.alerts.delivery;

import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.RuleKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;

/** Notification metrics; labels are the receiver type (slack, email...), never its URL or name. */
public final class DeliveryMetrics {
  static final String RETRYABLE = "retryable";
  static final String PERMANENT = "permanent";
  private static final String SENT = "chipwatch.notifications.sent";
  private static final String FAILED = "chipwatch.notifications.failed";
  private static final String RECEIVER_TYPE = "receiver_type";
  private static final String REASON = "reason";
  private static final Duration[] SLO = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
      Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15)};

  private final MeterRegistry registry;
  private final java.util.function.Function<String, String> typeOf;

  /** @param typeOf receiver name to its type */
  public DeliveryMetrics(MeterRegistry registry, java.util.function.Function<String, String> typeOf) {
    this.registry = registry;
    this.typeOf = typeOf;
  }

  /**
   * Creates a receiver's counters and timers at zero. A series that is born with its first events
   * already counted hides them from rate() and increase(): the first batch after a start (often the
   * one that matters) would be missing from every rate, percentile and alert rule.
   */
  public void receiver(String receiver) {
    String type = typeOf.apply(receiver);
    registry.counter(SENT, RECEIVER_TYPE, type);
    registry.counter(FAILED, RECEIVER_TYPE, type, REASON, RETRYABLE);
    registry.counter(FAILED, RECEIVER_TYPE, type, REASON, PERMANENT);
    notificationLatency(type);
    endToEndLatency();
  }

  void delivered(String receiver, Alert alert, Instant now) {
    String type = typeOf.apply(receiver);
    registry.counter(SENT, RECEIVER_TYPE, type).increment();
    notificationLatency(type).record(Duration.between(alert.getRaisedAt(), now));
    // only article-driven alerts have a real first sighting; crossings carry the quote's market time
    if (alert.getRuleKind() != RuleKind.MARKET_CAP) {
      endToEndLatency().record(Duration.between(alert.getFirstSeenAt(), now));
    }
  }

  private Timer notificationLatency(String type) {
    return Timer.builder("chipwatch.notification.latency").description("From alert raised to receiver accepted it")
        .tag(RECEIVER_TYPE, type).publishPercentileHistogram().register(registry);
  }

  private Timer endToEndLatency() {
    return Timer.builder("chipwatch.end.to.end.latency").description("From first sighting of an item to its notification")
        .serviceLevelObjectives(SLO).register(registry);
  }

  void failed(String receiver, String reason) {
    registry.counter(FAILED, RECEIVER_TYPE, typeOf.apply(receiver), REASON, reason).increment();
  }

  void silenced(String receiver) {
    registry.counter("chipwatch.notifications.silenced", "receiver_type", typeOf.apply(receiver)).increment();
  }

  /** A resend of an alert whose earlier send was cut off by a restart: the receiver may see it twice. */
  void possibleDuplicate(String receiver) {
    registry.counter("chipwatch.notifications.possible.duplicates", "receiver_type", typeOf.apply(receiver)).increment();
  }

  void digest(String receiver, int alerts) {
    registry.summary("chipwatch.notifications.digest.size", "receiver_type", typeOf.apply(receiver)).record(alerts);
  }
}
