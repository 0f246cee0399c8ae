package dev.chipwatch.ingest.schedule;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * When each feed is polled next. A working feed waits its {@link AdaptiveInterval}; a failing one
 * backs off exponentially with jitter up to the ceiling and is retried there for ever (it is never
 * dropped, only reported as failing). Fetches go through a {@link HostGate}: a few at a time per
 * host, and none while the host asked us to wait. Used from the poller's thread only.
 */
public final class PollSchedule {
  /** What is known of one feed's timing; kept small, as there may be tens of thousands. */
  private static final class Timing {
    Instant due = Instant.MIN;
    Instant lastChangeAt;
    Duration meanGap;
    Duration interval;
    int failures;
  }

  private final Clock clock;
  private final AdaptiveInterval intervals;
  private final Backoff backoff;
  private final HostGate hosts;
  private final Map<String, Timing> feeds = new HashMap<>();
  private int failing;

  /**
   * @param floor shortest interval, also the first wait after an error
   * @param ceiling longest interval and longest wait after errors (or asked for by a server)
   * @param maxSlowdown how many times its configured interval a quiet feed may wait at most
   * @param perHost fetches at once per host
   */
  public PollSchedule(Duration floor, Duration ceiling, int maxSlowdown, int perHost, Clock clock, RandomGenerator random) {
    this.clock = clock;
    this.intervals = new AdaptiveInterval(floor, ceiling, maxSlowdown);
    this.backoff = new Backoff(floor, ceiling, random);
    this.hosts = new HostGate(perHost);
  }

  /** Tells when a feed last had new items (from its cursor), before its first poll here. */
  public void know(String feedId, Instant lastNewItemAt) {
    Timing t = feeds.computeIfAbsent(feedId, id -> new Timing());
    if (t.lastChangeAt == null) {
      t.lastChangeAt = lastNewItemAt;
    }
  }

  /** True, and a host slot taken, when the feed is due and its host has room and is not paused. */
  public boolean tryStart(String feedId, URI url) {
    Instant now = clock.instant();
    Timing t = feeds.computeIfAbsent(feedId, id -> new Timing());
    return !now.isBefore(t.due) && hosts.tryAcquire(HostGate.hostOf(url), now);
  }

  /**
   * A fetch that worked (including 304).
   *
   * @param newItems items not seen before
   * @param fetchedAt when the fetch started: the time the new items are known to exist by
   */
  public void succeeded(String feedId, URI url, Duration configured, int newItems, Instant fetchedAt) {
    Instant now = finish(url);
    Timing t = feeds.computeIfAbsent(feedId, id -> new Timing());
    setFailures(t, 0);
    if (newItems > 0) {
      // the first poll of a feed finds its whole backlog: that says nothing about how often it changes
      if (t.lastChangeAt != null && fetchedAt.isAfter(t.lastChangeAt)) {
        t.meanGap = AdaptiveInterval.updatedMeanGap(t.meanGap, Duration.between(t.lastChangeAt, fetchedAt), newItems);
      }
      t.lastChangeAt = fetchedAt;
    }
    t.interval = intervals.next(configured, t.meanGap, t.lastChangeAt, now);
    t.due = now.plus(t.interval);
  }

  /**
   * A fetch that failed.
   *
   * @param retryAfter what the server asked for, or null
   * @param hostOverloaded the host said it is overloaded (429, 503): all its feeds wait, not only this one
   */
  public void failed(String feedId, URI url, Duration retryAfter, boolean hostOverloaded) {
    Instant now = finish(url);
    Timing t = feeds.computeIfAbsent(feedId, id -> new Timing());
    setFailures(t, t.failures + 1);
    Duration wait = backoff.after(t.failures);
    Duration asked = retryAfter == null ? null : min(retryAfter, backoff.ceiling());
    if (asked != null && asked.compareTo(wait) > 0) {
      wait = asked;
    }
    if (hostOverloaded) {
      hosts.pause(HostGate.hostOf(url), now.plus(asked != null ? asked : backoff.after(1)));
    }
    t.due = now.plus(wait);
  }

  /** The fetch worked but its result could not be kept (Kafka unavailable): try again soon, no failure counted. */
  public void retrySoon(String feedId, URI url) {
    Instant now = finish(url);
    feeds.computeIfAbsent(feedId, id -> new Timing()).due = now.plus(backoff.after(1));
  }

  /** A fetch finished for a feed that is no longer ours: its slot is given back and it is forgotten. */
  public void dropped(String feedId, URI url) {
    finish(url);
    forget(feedId);
  }

  /** Forgets the feeds not in {@code owned}. */
  public void retainOnly(Set<String> owned) {
    feeds.keySet().stream().filter(id -> !owned.contains(id)).toList().forEach(this::forget);
    hosts.sweep(clock.instant());
  }

  private void forget(String feedId) {
    Timing t = feeds.remove(feedId);
    if (t != null && t.failures > 0) {
      failing--;
    }
  }

  private Instant finish(URI url) {
    Instant now = clock.instant();
    hosts.release(HostGate.hostOf(url), now);
    return now;
  }

  private void setFailures(Timing t, int n) {
    if (t.failures == 0 && n > 0) {
      failing++;
    } else if (t.failures > 0 && n == 0) {
      failing--;
    }
    t.failures = n;
  }

  /** Feeds whose last fetch failed. */
  public int failing() {
    return failing;
  }

  /** Consecutive failures of the feed; 0 when its last fetch worked or it is unknown. */
  public int failures(String feedId) {
    Timing t = feeds.get(feedId);
    return t == null ? 0 : t.failures;
  }

  /** When the feed is polled next (Instant.MIN: at once), or null when unknown. */
  public Instant due(String feedId) {
    Timing t = feeds.get(feedId);
    return t == null ? null : t.due;
  }

  /** The interval last chosen for the feed after a success, or null before its first. */
  public Duration interval(String feedId) {
    Timing t = feeds.get(feedId);
    return t == null ? null : t.interval;
  }

  /** When the host's Retry-After pause ends, or null. */
  public Instant hostPausedUntil(URI url) {
    return hosts.pausedUntil(HostGate.hostOf(url), clock.instant());
  }

  public int inFlight(URI url) {
    return hosts.inFlight(HostGate.hostOf(url));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
