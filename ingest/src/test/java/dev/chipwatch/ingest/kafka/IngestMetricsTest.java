package dev.chipwatch.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {
  private static final Instant NOW = Instant.parse("2025-07-15T12:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final IngestMetrics metrics = new IngestMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

  private Gauge staleness(String feed) {
    return registry.find("chipwatch.feed.staleness").tag("feed", feed).gauge();
  }

  @Test
  void stalenessIsSecondsSinceTheLastNewItemPerFeed() {
    metrics.feedsPolled(Map.of("bis", NOW.minus(Duration.ofHours(2)), "register", NOW.minusSeconds(30)));

    assertEquals(7200.0, staleness("bis").value());
    assertEquals(30.0, staleness("register").value());
  }

  @Test
  void aNewItemResetsStaleness() {
    metrics.feedsPolled(Map.of("bis", NOW.minus(Duration.ofDays(3))));
    metrics.newItemAt("bis", NOW.minusSeconds(5));

    assertEquals(5.0, staleness("bis").value());
  }

  @Test
  void aFeedThatIsNoLongerPolledLosesItsGauge() {
    metrics.feedsPolled(Map.of("bis", NOW, "register", NOW));
    metrics.feedsPolled(Map.of("register", NOW));

    assertNull(staleness("bis"));
    assertEquals(1, registry.find("chipwatch.feed.staleness").gauges().size());
  }

  @Test
  void everyFetchOutcomeExistsAtZeroBeforeItHappens() {
    var timeouts = registry.find("chipwatch.feed.fetches").tag("outcome", "TIMEOUT").counter();

    assertEquals(0.0, timeouts.count());
    assertEquals(dev.chipwatch.ingest.feed.FeedException.Reason.values().length + 2,
        registry.find("chipwatch.feed.fetches").counters().size());
  }
}
