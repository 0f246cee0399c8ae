package dev.chipwatch.ingest.schedule;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Waits after consecutive failures: doubling from {@code first} up to {@code ceiling}, where a
 * failing feed stays and is retried for ever. Each wait is shortened by up to a fifth at random, so
 * feeds that failed together (one host down) do not come back in lockstep; the ceiling is never
 * exceeded.
 */
public final class Backoff {
  static final double JITTER = 0.2;

  private final Duration first;
  private final Duration ceiling;
  private final RandomGenerator random;

  public Backoff(Duration first, Duration ceiling, RandomGenerator random) {
    if (first.isNegative() || first.isZero() || ceiling.compareTo(first) < 0) {
      throw new IllegalArgumentException("expected 0 < first <= ceiling, got " + first + " and " + ceiling);
    }
    this.first = first;
    this.ceiling = ceiling;
    this.random = random;
  }

  /** @param failures consecutive failures so far, at least 1 */
  public Duration after(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1, got " + failures);
    }
    Duration base = ceiling;
    // 2^30 times any positive first exceeds every sensible ceiling; stop doubling before overflow
    if (failures <= 30) {
      Duration doubled = first.multipliedBy(1L << (failures - 1));
      base = doubled.compareTo(ceiling) < 0 ? doubled : ceiling;
    }
    long millis = base.toMillis();
    long cut = (long) (millis * JITTER * random.nextDouble());
    return Duration.ofMillis(Math.max(1, millis - cut));
  }

  public Duration ceiling() {
    return ceiling;
  }
}
