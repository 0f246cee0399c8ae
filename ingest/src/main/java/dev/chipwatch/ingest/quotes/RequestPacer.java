package dev.chipwatch.ingest.quotes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** At most one request per interval, and longer pauses when a provider asks for them. */
final class RequestPacer {
  private final Duration minInterval;
  private final Clock clock;
  private Instant nextAllowed = Instant.MIN;

  RequestPacer(Duration minInterval, Clock clock) {
    if (minInterval.isNegative()) {
      throw new IllegalArgumentException("interval must not be negative");
    }
    this.minInterval = minInterval;
    this.clock = clock;
  }

  /** Takes the next request slot if it has come. */
  synchronized boolean tryAcquire() {
    Instant now = clock.instant();
    if (now.isBefore(nextAllowed)) {
      return false;
    }
    nextAllowed = now.plus(minInterval);
    return true;
  }

  /** No request before {@code pause} from now, unless the pacing already waits longer. */
  synchronized void pause(Duration pause) {
    Instant until = clock.instant().plus(pause);
    if (until.isAfter(nextAllowed)) {
      nextAllowed = until;
    }
  }

  Duration minInterval() {
    return minInterval;
  }
}
