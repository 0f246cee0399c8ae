package dev.chipwatch.alerts.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class DeliveryMetricsTest {
  @Test
  void aReceiversCountersAndTimersExistAtZeroUnderItsTypeNotItsName() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DeliveryMetrics metrics = new DeliveryMetrics(registry, name -> "webhook");

    metrics.receiver("ops-hook");

    for (String reason : new String[] {DeliveryMetrics.RETRYABLE, DeliveryMetrics.PERMANENT}) {
      var failed = registry.find("chipwatch.notifications.failed").tags("receiver_type", "webhook", "reason", reason)
          .counter();
      assertNotNull(failed, reason);
      assertEquals(0.0, failed.count());
    }
    assertEquals(0.0, registry.get("chipwatch.notifications.sent").tag("receiver_type", "webhook").counter().count());
    assertEquals(0, registry.get("chipwatch.notification.latency").tag("receiver_type", "webhook").timer().count());
    assertEquals(0, registry.get("chipwatch.end.to.end.latency").timer().count());
    assertEquals(0, registry.getMeters().stream().filter(m -> m.getId().getTags().toString().contains("ops-hook")).count());
  }
}
