package dev.chipwatch.alerts.topology;

import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.AlertRule;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Evaluates the current rules against one input and forwards each alert once: alert ids are
 * deterministic, and ids already raised are remembered, so an input processed twice (a replay
 * upstream, a retry) never raises a second alert.
 */
final class AlertRaisingProcessor<V> implements Processor<String, V, String, Alert> {
  private final String raisedStore;
  private final BiFunction<Collection<AlertRule>, V, List<Alert>> evaluate;
  private final MeterRegistry registry;
  private final RuleVersion version;
  private ProcessorContext<String, Alert> context;
  private ReadOnlyKeyValueStore<String, AlertRule> rules;
  private KeyValueStore<String, Long> raised;
  private List<AlertRule> current = List.of();
  /** The rule version {@code current} was read at; none yet, so the first record reads the store. */
  private long readAt = -1;

  AlertRaisingProcessor(String raisedStore, BiFunction<Collection<AlertRule>, V, List<Alert>> evaluate,
      MeterRegistry registry, RuleVersion version) {
    this.raisedStore = raisedStore;
    this.evaluate = evaluate;
    this.registry = registry;
    this.version = version;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.rules = context.getStateStore(RuleTableProcessor.STORE);
    this.raised = context.getStateStore(raisedStore);
  }

  @Override
  public void process(Record<String, V> record) {
    if (record.value() == null) {
      return;
    }
    long now = version.current();
    if (now != readAt) {
      // read the version first: a change landing while the store is read is seen next time
      List<AlertRule> read = new ArrayList<>();
      try (KeyValueIterator<String, AlertRule> all = rules.all()) {
        all.forEachRemaining(kv -> read.add(kv.value));
      }
      current = List.copyOf(read);
      readAt = now;
    }
    if (current.isEmpty()) {
      return;
    }
    for (Alert alert : evaluate.apply(current, record.value())) {
      if (raised.get(alert.getId()) != null) {
        registry.counter("chipwatch.alerts.duplicates.suppressed").increment();
        continue;
      }
      raised.put(alert.getId(), alert.getRaisedAt().toEpochMilli());
      registry.counter("chipwatch.alerts.raised", "kind", alert.getRuleKind().name()).increment();
      context.forward(new Record<>(alert.getRuleId(), alert, record.timestamp()));
    }
  }
}
