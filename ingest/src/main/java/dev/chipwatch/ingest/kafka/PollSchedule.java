package dev.chipwatch.ingest.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to poll a feed next: its own interval, bounded; after errors an exponential backoff with
 * jitter up to the ceiling, where a failing feed stays and is retried for ever.
 */
final class PollSchedule {
  private final Duration min;
  private final Duration max;

  PollSchedule(Duration min, Duration max) {
    this.min = min;
    this.max = max;
  }

  Duration interval(Integer feedIntervalSeconds, Duration fallback) {
    Duration wanted = feedIntervalSeconds == null || feedIntervalSeconds <= 0
        ? fallback : Duration.ofSeconds(feedIntervalSeconds);
    return clamp(wanted);
  }

  Instant afterSuccess(Instant now, Duration interval) {
    return now.plus(interval);
  }

  /** @param failures consecutive failures so far, at least 1 */
  Instant afterFailure(Instant now, Duration interval, int failures, Duration retryAfter) {
    long factor = 1L << Math.min(failures - 1, 20);
    Duration backoff = min.multipliedBy(factor);
    if (backoff.compareTo(max) > 0 || backoff.isNegative()) {
      backoff = max;
    }
    long jitterMillis = ThreadLocalRandom.current().nextLong(Math.max(1, backoff.toMillis() / 5));
    Duration wait = backoff.plusMillis(jitterMillis);
    if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
      wait = retryAfter.compareTo(max) > 0 ? max : retryAfter;
    }
    return now.plus(wait);
  }

  private Duration clamp(Duration d) {
    if (d.compareTo(min) < 0) {
      return min;
    }
    return d.compareTo(max) > 0 ? max : d;
  }
}
