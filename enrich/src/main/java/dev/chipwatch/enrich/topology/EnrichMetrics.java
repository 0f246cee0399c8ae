package dev.chipwatch.enrich.topology;

import dev.chipwatch.schemas.avro.ExportStatusChange;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import dev.chipwatch.schemas.avro.PolicyEvent;
import dev.chipwatch.schemas.avro.TaggedArticle;
import dev.chipwatch.schemas.avro.ThresholdCrossing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** Enrich's pipeline metrics; label values are bounded (tag kinds, event types, taxonomy ids). */
final class EnrichMetrics {
  private final MeterRegistry registry;
  private final Counter articles;
  private final Map<String, AtomicReference<Double>> caps = new ConcurrentHashMap<>();

  EnrichMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.articles = Counter.builder("chipwatch.articles.tagged").description("Articles tagged").register(registry);
    // at zero from the start, so the first events after a start show in rate() and increase()
    for (dev.chipwatch.schemas.avro.EventType type : dev.chipwatch.schemas.avro.EventType.values()) {
      registry.counter("chipwatch.events", "type", type.name());
    }
    for (ExportStatusValue to : ExportStatusValue.values()) {
      registry.counter("chipwatch.export.status.changes", "to", to.name());
    }
  }

  Counter duplicates() {
    return Counter.builder("chipwatch.articles.duplicates").description("Articles dropped as already seen")
        .register(registry);
  }

  Counter staleStatusEvents() {
    return Counter.builder("chipwatch.export.status.stale")
        .description("Status events older than the status they would overwrite, ignored").register(registry);
  }

  void tagged(TaggedArticle a) {
    articles.increment();
    tags("vendor", a.getVendors().size());
    tags("chip", a.getChips().size());
    tags("country", a.getCountries().size());
    tags("market_cap", a.getMarketCaps().size());
    for (PolicyEvent e : a.getEvents()) {
      registry.counter("chipwatch.events", "type", e.getType().name()).increment();
    }
  }

  private void tags(String kind, int n) {
    if (n > 0) {
      registry.counter("chipwatch.tags", "kind", kind).increment(n);
    }
  }

  /** The status gauge itself lives with the alerts service, which resolves inheritance from the whole table. */
  void statusChange(ExportStatusChange c) {
    registry.counter("chipwatch.export.status.changes", "to", c.getTo().name()).increment();
  }

  void marketCap(String vendor, double usd) {
    caps.computeIfAbsent(vendor, v -> {
      AtomicReference<Double> holder = new AtomicReference<>(0.0);
      Gauge.builder("chipwatch.market.cap", holder, AtomicReference::get)
          .description("Latest market value").baseUnit("usd").tag("vendor", v).register(registry);
      return holder;
    }).set(usd);
  }

  void crossing(ThresholdCrossing c) {
    registry.counter("chipwatch.market.cap.crossings", "vendor", c.getVendor(), "direction", c.getDirection().name())
        .increment();
  }
}
