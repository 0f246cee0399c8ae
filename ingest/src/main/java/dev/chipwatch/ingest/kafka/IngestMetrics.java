package dev.chipwatch.ingest.kafka;

import dev.chipwatch.ingest.feed.FeedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.Meter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingest's metrics. Outcome labels are the fixed failure reasons plus OK and NOT_MODIFIED. Per-feed
 * gauges are labelled with the feed id only (bounded by the number of feeds, never a URL) and
 * removed when the feed leaves this instance.
 */
public final class IngestMetrics {
  /** A feed's gauges and the values they read. */
  private static final class FeedGauges {
    volatile Instant lastNewItemAt;
    volatile int failures;
    final List<Meter> meters = new ArrayList<>();
  }

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, FeedGauges> feeds = new ConcurrentHashMap<>();
  private final Counter ingested;
  private final AtomicInteger failing = new AtomicInteger();
  private final AtomicInteger owned = new AtomicInteger();

  public IngestMetrics(MeterRegistry registry) {
    this(registry, Clock.systemUTC());
  }

  public IngestMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.ingested = Counter.builder("chipwatch.articles.ingested").description("New feed items written to Kafka")
        .register(registry);
    Gauge.builder("chipwatch.feeds.failing", failing, AtomicInteger::get)
        .description("Feeds whose last fetch failed").register(registry);
    Gauge.builder("chipwatch.feeds.owned", owned, AtomicInteger::get)
        .description("Feeds this instance polls").register(registry);
    // every outcome exists from the start at zero, so a first failure shows in increase() and rate()
    registry.counter("chipwatch.feed.fetches", "outcome", "OK");
    registry.counter("chipwatch.feed.fetches", "outcome", "NOT_MODIFIED");
    for (FeedException.Reason reason : FeedException.Reason.values()) {
      registry.counter("chipwatch.feed.fetches", "outcome", reason.name());
    }
  }

  void fetched(String outcome, Duration took) {
    registry.counter("chipwatch.feed.fetches", "outcome", outcome).increment();
    Timer.builder("chipwatch.feed.fetch.duration").description("Time to fetch and parse a feed")
        .publishPercentileHistogram().register(registry).record(took);
  }

  /** Content a WebSub hub pushed, whether or not it held new items. */
  void pushed() {
    registry.counter("chipwatch.feed.pushes").increment();
  }

  void quote(String source) {
    registry.counter("chipwatch.quotes", "source", source).increment();
  }

  void quoteFailed(String source, String reason) {
    registry.counter("chipwatch.quote.failures", "source", source, "reason", reason).increment();
  }

  void ingested(int n) {
    ingested.increment(n);
  }

  void feedsFailing(int n) {
    failing.set(n);
  }

  void feedsOwned(int n) {
    owned.set(n);
  }

  /**
   * Starts (or keeps) the gauges of a feed this instance polls.
   *
   * @param lastNewItemAt when it last had a new item; when it never had one, when it was registered
   */
  void feedOwned(String feedId, Instant lastNewItemAt) {
    FeedGauges g = feeds.computeIfAbsent(feedId, id -> {
      FeedGauges created = new FeedGauges();
      created.meters.add(Gauge.builder("chipwatch.feed.staleness.seconds", created, this::stalenessSeconds)
          .description("Seconds since the feed last had a new item (or was registered, if it never had one)")
          .tag("feed", id).register(registry));
      created.meters.add(Gauge.builder("chipwatch.feed.failures", created, c -> c.failures)
          .description("Consecutive failed fetches of the feed; 0 when its last fetch worked")
          .tag("feed", id).register(registry));
      return created;
    });
    if (lastNewItemAt != null && (g.lastNewItemAt == null || lastNewItemAt.isAfter(g.lastNewItemAt))) {
      g.lastNewItemAt = lastNewItemAt;
    }
  }

  void feedNewItems(String feedId, Instant at) {
    feedOwned(feedId, at);
  }

  void feedFailures(String feedId, int consecutive) {
    FeedGauges g = feeds.get(feedId);
    if (g != null) {
      g.failures = consecutive;
    }
  }

  /** Removes the gauges of feeds no longer polled here. */
  void retainFeeds(Set<String> owned) {
    feeds.entrySet().removeIf(e -> {
      if (owned.contains(e.getKey())) {
        return false;
      }
      e.getValue().meters.forEach(registry::remove);
      return true;
    });
  }

  private double stalenessSeconds(FeedGauges g) {
    Instant last = g.lastNewItemAt;
    return last == null ? Double.NaN : Math.max(0, Duration.between(last, clock.instant()).toMillis() / 1000.0);
  }
}
