package dev.chipwatch.ingest.kafka;

import dev.chipwatch.ingest.feed.FeedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingest's metrics. Outcome labels are the fixed failure reasons plus OK and NOT_MODIFIED; the feed
 * label of the staleness gauge is a feed id, bounded by the number of feeds this instance polls.
 */
public final class IngestMetrics {
  private static final String FETCHES = "chipwatch.feed.fetches";
  private static final String OUTCOME = "outcome";

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Instant> lastNewItemAt = new ConcurrentHashMap<>();
  private final Map<String, Gauge> staleness = new ConcurrentHashMap<>();
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
    registry.counter(FETCHES, OUTCOME, "OK");
    registry.counter(FETCHES, OUTCOME, "NOT_MODIFIED");
    for (FeedException.Reason reason : FeedException.Reason.values()) {
      registry.counter(FETCHES, OUTCOME, reason.name());
    }
  }

  void fetched(String outcome, Duration took) {
    registry.counter(FETCHES, OUTCOME, outcome).increment();
    Timer.builder("chipwatch.feed.fetch.duration").description("Time to fetch and parse a feed")
        .publishPercentileHistogram().register(registry).record(took);
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
   * The feeds this instance polls now, each with when it last gave a new item (or was added, if it
   * never did). Feeds that moved away or were removed lose their staleness gauge.
   */
  void feedsPolled(Map<String, Instant> lastNewItems) {
    staleness.entrySet().removeIf(e -> {
      if (lastNewItems.containsKey(e.getKey())) {
        return false;
      }
      registry.remove(e.getValue());
      lastNewItemAt.remove(e.getKey());
      return true;
    });
    lastNewItems.forEach(this::newItemAt);
  }

  /** A feed gave a new item at this time: its staleness restarts from zero. */
  void newItemAt(String feedId, Instant at) {
    lastNewItemAt.put(feedId, at);
    staleness.computeIfAbsent(feedId, id -> Gauge.builder("chipwatch.feed.staleness", () -> secondsSinceNewItem(id))
        .description("Seconds since the feed last gave a new item (or was added, if it never did)")
        .baseUnit("seconds").tag("feed", id).register(registry));
  }

  private double secondsSinceNewItem(String feedId) {
    Instant at = lastNewItemAt.get(feedId);
    return at == null ? Double.NaN : Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0);
  }
}
