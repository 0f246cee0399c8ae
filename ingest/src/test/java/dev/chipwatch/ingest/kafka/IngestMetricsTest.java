package dev.chipwatch.ingest.kafka;

import dev.chipwatch.ingest.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock(T0);
  private final IngestMetrics metrics = new IngestMetrics(registry, clock);

  private double gauge(String name, String feed) {
    return registry.get(name).tag("feed", feed).gauge().value();
  }

  @Test
  void stalenessCountsFromTheLastNewItemAndFailuresPerFeed() {
    metrics.feedOwned("wire", T0.minus(Duration.ofMinutes(10)));
    metrics.feedOwned("quiet", T0.minus(Duration.ofDays(2)));
    assertEquals(600, gauge("chipwatch.feed.staleness.seconds", "wire"));
    clock.advance(Duration.ofSeconds(30));
    assertEquals(630, gauge("chipwatch.feed.staleness.seconds", "wire"));
    metrics.feedNewItems("wire", clock.instant());
    assertEquals(0, gauge("chipwatch.feed.staleness.seconds", "wire"));
    metrics.feedOwned("wire", T0.minus(Duration.ofDays(9)));
    assertEquals(0, gauge("chipwatch.feed.staleness.seconds", "wire"), "an older time never moves it back");
    assertEquals(2 * 86400 + 30, gauge("chipwatch.feed.staleness.seconds", "quiet"));

    metrics.feedFailures("quiet", 3);
    assertEquals(3, gauge("chipwatch.feed.failures", "quiet"));
    assertEquals(0, gauge("chipwatch.feed.failures", "wire"));
  }

  @Test
  void gaugesOfFeedsThatLeaveAreRemoved() {
    metrics.feedOwned("a", T0);
    metrics.feedOwned("b", T0);
    metrics.retainFeeds(Set.of("b"));
    assertNull(registry.find("chipwatch.feed.staleness.seconds").tag("feed", "a").gauge());
    assertNull(registry.find("chipwatch.feed.failures").tag("feed", "a").gauge());
    assertEquals(0, gauge("chipwatch.feed.failures", "b"));
  }
}
