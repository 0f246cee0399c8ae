package dev.chipwatch.alerts.topology;

import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.ExportStatus;
import dev.chipwatch.schemas.avro.RuleKind;
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
  /** Decides the alerts for one input, given the rules and a read of the current export-status table. */
  @FunctionalInterface
  interface Evaluation<V> {
    List<Alert> alerts(Collection<AlertRule> rules, V input, BiFunction<String, String, ExportStatus> status);

    static <V> Evaluation<V> of(BiFunction<Collection<AlertRule>, V, List<Alert>> rulesOnly) {
      return (rules, input, status) -> rulesOnly.apply(rules, input);
    }
  }

  private final String raisedStore;
  private final Evaluation<V> evaluate;
  private final MeterRegistry registry;
  private final RuleVersion version;
  private ProcessorContext<String, Alert> context;
  private ReadOnlyKeyValueStore<String, AlertRule> rules;
  private KeyValueStore<String, Long> raised;
  private ReadOnlyKeyValueStore<String, ExportStatus> statuses;
  private List<AlertRule> current = List.of();
  /** The rule version {@code current} was read at; none yet, so the first record reads the store. */
  private long readAt = -1;

  AlertRaisingProcessor(String raisedStore, Evaluation<V> evaluate, MeterRegistry registry, RuleVersion version) {
    this.raisedStore = raisedStore;
    this.evaluate = evaluate;
    this.registry = registry;
    this.version = version;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.rules = context.getStateStore(AlertsTopology.RULES_STORE);
    this.raised = context.getStateStore(raisedStore);
    this.statuses = context.getStateStore(AlertsTopology.STATUS_STORE);
    // at zero from the start, so the first alerts after a start show in rate() and increase()
    for (RuleKind kind : RuleKind.values()) {
      registry.counter("chipwatch.alerts.raised", "kind", kind.name());
    }
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
    for (Alert alert : evaluate.alerts(current, record.value(), (item, dest) -> statuses.get(item + "|" + dest))) {
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
