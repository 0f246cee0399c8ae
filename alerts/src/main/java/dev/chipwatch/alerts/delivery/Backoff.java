package dev.chipwatch.alerts.delivery;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/** Exponential backoff with jitter, never shorter than a receiver's Retry-After. */
public final class Backoff {
  private final Duration first;
  private final Duration max;
  private final LongUnaryOperator jitter;

  /** @param jitter given a bound in ms, a random value in [0, bound) */
  public Backoff(Duration first, Duration max, LongUnaryOperator jitter) {
    this.first = first;
    this.max = max;
    this.jitter = jitter;
  }

  public static Backoff standard() {
    return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5),
        bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(Math.max(1, bound)));
  }

  /** @param attempts attempts made so far, at least 1 */
  public Duration delay(int attempts, Duration retryAfter) {
    long base = first.toMillis() << Math.min(attempts - 1, 20);
    long capped = Math.min(base, max.toMillis());
    long wait = capped + jitter.applyAsLong(Math.max(1, capped / 4));
    if (retryAfter != null && retryAfter.toMillis() > wait) {
      wait = retryAfter.toMillis();
    }
    return Duration.ofMillis(wait);
  }
}
