package dev.chipwatch.alerts.topology;

import dev.chipwatch.alerts.rules.StatusInheritance;
import dev.chipwatch.schemas.avro.ExportStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The effective export status per (item, destination) as a gauge, inheritance resolved: a family's
 * or vendor's status shows on each member that has no newer status of its own. Labels are taxonomy
 * ids and country codes, so they stay bounded.
 */
final class StatusGauges implements GlobalTableProcessor.Listener<ExportStatus> {
  private final MeterRegistry registry;
  private final StatusInheritance inheritance;
  private final Map<String, AtomicInteger> values = new ConcurrentHashMap<>();

  StatusGauges(MeterRegistry registry, StatusInheritance inheritance) {
    this.registry = registry;
    this.inheritance = inheritance;
  }

  @Override
  public void restored(ReadOnlyKeyValueStore<String, ExportStatus> table) {
    try (var all = table.all()) {
      all.forEachRemaining(kv -> changed(kv.key, kv.value, table));
    }
  }

  /** A pair's stored status changed: its own gauge and its members' are recomputed from the table. */
  @Override
  public void changed(String key, ExportStatus status, ReadOnlyKeyValueStore<String, ExportStatus> table) {
    if (status == null) {
      return;
    }
    BiFunction<String, String, ExportStatus> stored = (item, dest) -> table.get(item + "|" + dest);
    refresh(status.getItem(), status.getDestination(), stored);
    for (String member : inheritance.descendants(status.getItem())) {
      refresh(member, status.getDestination(), stored);
    }
  }

  private void refresh(String item, String destination, BiFunction<String, String, ExportStatus> stored) {
    inheritance.effective(item, destination, stored)
        .ifPresent(s -> set(item, destination, s.getStatus().ordinal()));
  }

  private void set(String item, String destination, int value) {
    values.computeIfAbsent(item + "|" + destination, key -> {
      AtomicInteger holder = new AtomicInteger();
      Gauge.builder("chipwatch.export.status", holder, AtomicInteger::get)
          .description("Effective export status, inheritance resolved: 0 unknown, 1 allowed, 2 restricted, 3 banned")
          .tag("item", item).tag("destination", destination)
          .register(registry);
      return holder;
    }).set(value);
  }
}
