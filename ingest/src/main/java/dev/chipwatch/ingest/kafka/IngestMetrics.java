package dev.chipwatch.ingest.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Ingest's metrics. Outcome labels are the fixed failure reasons plus OK and NOT_MODIFIED. */
public final class IngestMetrics {
  private final MeterRegistry registry;
  private final Counter ingested;
  private final AtomicInteger failing = new AtomicInteger();
  private final AtomicInteger owned = new AtomicInteger();

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.ingested = Counter.builder("chipwatch.articles.ingested").description("New feed items written to Kafka")
        .register(registry);
    Gauge.builder("chipwatch.feeds.failing", failing, AtomicInteger::get)
        .description("Feeds whose last fetch failed").register(registry);
    Gauge.builder("chipwatch.feeds.owned", owned, AtomicInteger::get)
        .description("Feeds this instance polls").register(registry);
  }

  void fetched(String outcome, Duration took) {
    registry.counter("chipwatch.feed.fetches", "outcome", outcome).increment();
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
}
