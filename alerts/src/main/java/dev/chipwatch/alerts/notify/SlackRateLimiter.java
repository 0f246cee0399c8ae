package dev.chipwatch.alerts.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * At most one message per interval (Slack: one per second) per webhook, and nothing at all to a
 * webhook that answered 429 until its Retry-After has passed. Keys name webhooks without being
 * their URLs (a receiver name, or a hash of the URL). Non-blocking: callers learn how long to
 * wait and schedule, rather than park a thread.
 */
public final class SlackRateLimiter {

  private static final int EVICT_ABOVE = 1_000;

  private final Duration interval;
  private final Clock clock;
  /** When each webhook may next be sent to. */
  private final Map<String, Instant> nextFree = new HashMap<>();

  public SlackRateLimiter(Clock clock) {
    this(Duration.ofSeconds(1), clock);
  }

  public SlackRateLimiter(Duration interval, Clock clock) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    this.interval = interval;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Takes the slot if the webhook is free now; otherwise takes nothing. */
  public synchronized boolean tryAcquire(String webhook) {
    Instant now = clock.instant();
    Instant free = nextFree.get(webhook);
    if (free != null && free.isAfter(now)) {
      return false;
    }
    evictIfLarge(now);
    nextFree.put(webhook, now.plus(interval));
    return true;
  }

  /** How long until {@link #tryAcquire} can succeed; zero when it can now. */
  public synchronized Duration waitTime(String webhook) {
    Instant now = clock.instant();
    Instant free = nextFree.get(webhook);
    return free == null || !free.isAfter(now) ? Duration.ZERO : Duration.between(now, free);
  }

  /**
   * Books the next free slot whatever it is, for callers that will wait: returns how long to
   * wait before sending. Consecutive calls book consecutive slots.
   */
  public synchronized Duration reserve(String webhook) {
    Instant now = clock.instant();
    Instant free = nextFree.get(webhook);
    Instant slot = free == null || free.isBefore(now) ? now : free;
    evictIfLarge(now);
    nextFree.put(webhook, slot.plus(interval));
    return Duration.between(now, slot);
  }

  /** After a 429: hold every message to this webhook until {@code until}. */
  public synchronized void pauseUntil(String webhook, Instant until) {
    nextFree.merge(webhook, until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
  }

  private void evictIfLarge(Instant now) {
    if (nextFree.size() > EVICT_ABOVE) {
      nextFree.values().removeIf(free -> !free.isAfter(now));
    }
  }
}
