package dev.chipwatch.alerts.topology;

import dev.chipwatch.schemas.avro.ExportStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The effective export status per (item, destination) as a gauge, inheritance resolved: a family's
 * or vendor's status shows on each member that has no newer status of its own. Labels are taxonomy
 * ids and country codes, so they stay bounded.
 */
public final class StatusGauges {
  private final MeterRegistry registry;
  private final Function<String, List<String>> descendants;
  private final Map<String, AtomicInteger> values = new ConcurrentHashMap<>();

  public StatusGauges(MeterRegistry registry, Function<String, List<String>> descendants) {
    this.registry = registry;
    this.descendants = descendants;
  }

  /** @param own reads the stored status of an exact pair */
  void update(ExportStatus status, BiFunction<String, String, ExportStatus> own) {
    set(status.getItem(), status.getDestination(), status.getStatus().ordinal());
    for (String member : descendants.apply(status.getItem())) {
      ExportStatus mine = own.apply(member, status.getDestination());
      if (mine == null || !mine.getSince().isAfter(status.getSince())) {
        set(member, status.getDestination(), status.getStatus().ordinal());
      }
    }
  }

  private void set(String item, String destination, int value) {
    values.computeIfAbsent(item + "|" + destination, key -> {
      AtomicInteger holder = new AtomicInteger();
      Gauge.builder("chipwatch.export.status.effective", holder, AtomicInteger::get)
          .description("Effective export status, inheritance resolved: 0 unknown, 1 allowed, 2 restricted, 3 banned")
          .tag("item", item).tag("destination", destination)
          .register(registry);
      return holder;
    }).set(value);
  }
}
