package dev.chipwatch.alerts.topology;

import dev.chipwatch.schemas.avro.AlertRule;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global rule store in step with the compacted alert-rules topic (tombstone = removed). */
final class RuleTableProcessor implements Processor<String, AlertRule, Void, Void> {
  static final String STORE = "alert-rules-store";

  private final RuleVersion version;
  private KeyValueStore<String, AlertRule> rules;

  RuleTableProcessor(RuleVersion version) {
    this.version = version;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    rules = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, AlertRule> record) {
    if (record.value() == null) {
      rules.delete(record.key());
    } else {
      rules.put(record.key(), record.value());
    }
    version.changed();
  }
}
