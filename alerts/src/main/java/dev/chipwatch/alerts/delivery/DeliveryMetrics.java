package dev.chipwatch.alerts.delivery;

import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.RuleKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;

/** Notification metrics; labels are the receiver type (slack, email...), never its URL or name. */
public final class DeliveryMetrics {
  private static final Duration[] SLO = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
      Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15)};

  private final MeterRegistry registry;
  private final java.util.function.Function<String, String> typeOf;

  /** @param typeOf receiver name to its type */
  public DeliveryMetrics(MeterRegistry registry, java.util.function.Function<String, String> typeOf) {
    this.registry = registry;
    this.typeOf = typeOf;
  }

  void delivered(String receiver, Alert alert, Instant now) {
    String type = typeOf.apply(receiver);
    registry.counter("chipwatch.notifications.sent", "receiver_type", type).increment();
    Timer.builder("chipwatch.notification.latency").description("From alert raised to receiver accepted it")
        .tag("receiver_type", type).publishPercentileHistogram().register(registry)
        .record(Duration.between(alert.getRaisedAt(), now));
    // only article-driven alerts have a real first sighting; crossings carry the quote's market time
    if (alert.getRuleKind() != RuleKind.MARKET_CAP) {
      Timer.builder("chipwatch.end.to.end.latency").description("From first sighting of an item to its notification")
          .serviceLevelObjectives(SLO).register(registry).record(Duration.between(alert.getFirstSeenAt(), now));
    }
  }

  void failed(String receiver, String reason) {
    registry.counter("chipwatch.notifications.failed", "receiver_type", typeOf.apply(receiver), "reason", reason)
        .increment();
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
