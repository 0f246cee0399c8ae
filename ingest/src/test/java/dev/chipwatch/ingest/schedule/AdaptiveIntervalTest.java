package dev.chipwatch.ingest.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AdaptiveIntervalTest {
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final Duration FIFTEEN_MIN = Duration.ofMinutes(15);
  private final AdaptiveInterval intervals = new AdaptiveInterval(Duration.ofMinutes(1), Duration.ofHours(24), 4);

  @Test
  void withNothingObservedTheConfiguredIntervalWithinBounds() {
    assertEquals(FIFTEEN_MIN, intervals.next(FIFTEEN_MIN, null, null, NOW));
    assertEquals(Duration.ofMinutes(1), intervals.next(Duration.ofSeconds(5), null, null, NOW));
    assertEquals(Duration.ofHours(24), intervals.next(Duration.ofDays(3), null, null, NOW));
  }

  @Test
  void aBusyFeedIsPolledTwicePerGapDownToTheFloor() {
    assertEquals(Duration.ofMinutes(2), intervals.next(FIFTEEN_MIN, Duration.ofMinutes(4), NOW, NOW));
    assertEquals(Duration.ofMinutes(1), intervals.next(FIFTEEN_MIN, Duration.ofSeconds(30), NOW, NOW));
  }

  @Test
  void aQuietFeedSlowsDownToAtMostItsSlowdownOrTheCeiling() {
    Instant twoHoursAgo = NOW.minus(Duration.ofHours(2));
    assertEquals(Duration.ofMinutes(30), intervals.next(FIFTEEN_MIN, null, twoHoursAgo, NOW));
    assertEquals(Duration.ofMinutes(30), intervals.next(FIFTEEN_MIN, Duration.ofMinutes(4), twoHoursAgo, NOW),
        "a long silence outweighs a short mean gap");
    assertEquals(Duration.ofHours(1), intervals.next(FIFTEEN_MIN, null, NOW.minus(Duration.ofDays(3)), NOW));
    AdaptiveInterval lowCeiling = new AdaptiveInterval(Duration.ofMinutes(1), Duration.ofMinutes(45), 4);
    assertEquals(Duration.ofMinutes(45), lowCeiling.next(FIFTEEN_MIN, null, NOW.minus(Duration.ofDays(3)), NOW));
    AdaptiveInterval noSlowdown = new AdaptiveInterval(Duration.ofMinutes(1), Duration.ofHours(24), 1);
    assertEquals(FIFTEEN_MIN, noSlowdown.next(FIFTEEN_MIN, null, NOW.minus(Duration.ofDays(3)), NOW));
  }

  @Test
  void meanGapSharesTheTimeAmongNewItemsAndFavoursRecentGaps() {
    Duration first = AdaptiveInterval.updatedMeanGap(null, Duration.ofMinutes(60), 6);
    assertEquals(Duration.ofMinutes(10), first);
    Duration second = AdaptiveInterval.updatedMeanGap(first, Duration.ofMinutes(20), 1);
    assertEquals(Duration.ofMinutes(13), second, "0.3 x 20 + 0.7 x 10");
  }
}
