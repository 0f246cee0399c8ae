package dev.chipwatch.alerts.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  static final Instant START = Instant.parse("2025-07-15T09:00:00Z");
  final MutableClock clock = new MutableClock(START);

  RetryPolicy policy(double jitter, int maxAttempts, Duration maxElapsed) {
    return new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, jitter, maxAttempts,
        maxElapsed, new Random(42), clock);
  }

  @Test
  void backoffDoublesUpToTheCap() {
    RetryPolicy noJitter = policy(0.0, 100, Duration.ofDays(1));
    List<Long> seconds = List.of(1, 2, 3, 4, 5, 9, 10, 30).stream()
        .map(n -> noJitter.backoff(n).toSeconds()).toList();
    assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 256L, 300L, 300L), seconds);
  }

  @Test
  void jitterStaysWithinItsFractionAndVaries() {
    RetryPolicy halfJitter = policy(0.5, 100, Duration.ofDays(1));
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      long millis = halfJitter.backoff(4).toMillis();
      assertTrue(millis >= 4_000 && millis <= 8_000, "backoff " + millis);
      seen.add(millis);
    }
    assertTrue(seen.size() > 50, "jitter should spread retries, got " + seen.size() + " distinct values");
  }

  @Test
  void retryAfterIsHonouredNeverEarlier() {
    RetryPolicy policy = policy(0.5, 100, Duration.ofDays(1));
    for (int attempt = 1; attempt < 12; attempt++) {
      Duration delay = policy.delay(attempt, DeliveryResult.retryable("429", Duration.ofSeconds(30)));
      assertTrue(delay.compareTo(Duration.ofSeconds(30)) >= 0, "earlier than asked: " + delay);
      assertTrue(delay.compareTo(Duration.ofSeconds(33)) <= 0, "much later than asked: " + delay);
    }
    assertEquals(Duration.ZERO, policy.delay(1, DeliveryResult.retryable("429", Duration.ZERO)));
  }

  @Test
  void nextAttemptIsScheduledFromNow() {
    RetryPolicy noJitter = policy(0.0, 5, Duration.ofHours(1));
    clock.advance(Duration.ofSeconds(10));
    assertEquals(Optional.of(START.plusSeconds(14)),
        noJitter.nextAttempt(3, START, DeliveryResult.retryable("HTTP 500")));
    assertEquals(Optional.of(START.plusSeconds(70)),
        noJitter.nextAttempt(1, START, DeliveryResult.retryable("HTTP 429", Duration.ofSeconds(60))));
  }

  @Test
  void givesUpOnPermanentFailuresAttemptsOrTimeBudget() {
    RetryPolicy policy = policy(0.0, 5, Duration.ofMinutes(1));
    assertEquals(Optional.empty(), policy.nextAttempt(1, START, DeliveryResult.permanent("HTTP 403")));
    assertEquals(Optional.empty(), policy.nextAttempt(1, START, DeliveryResult.ok()));
    assertEquals(Optional.empty(), policy.nextAttempt(5, START, DeliveryResult.retryable("HTTP 500")));
    assertEquals(Optional.empty(),
        policy.nextAttempt(1, START, DeliveryResult.retryable("HTTP 429", Duration.ofMinutes(2))));
    clock.advance(Duration.ofSeconds(59));
    assertEquals(Optional.empty(), policy.nextAttempt(2, START, DeliveryResult.retryable("HTTP 500")));
  }

  @Test
  void nonsenseSettingsAreRefused() {
    Random random = new Random();
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 2, 0, 3, Duration.ofHours(1), random, clock));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0, 3, Duration.ofHours(1), random, clock));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(9), 0.5, 0, 3, Duration.ofHours(1), random, clock));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(9), 2, 1.5, 3, Duration.ofHours(1), random, clock));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(9), 2, 0, 0, Duration.ofHours(1), random, clock));
  }
}
