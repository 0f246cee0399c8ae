package dev.chipwatch.alerts.topology;

import dev.chipwatch.schemas.avro.ExportStatus;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps a global copy of the export-status table, for rules that inherit a family's or vendor's status. */
final class StatusTableProcessor implements Processor<String, ExportStatus, Void, Void> {
  static final String STORE = "export-status-table";

  private final StatusGauges gauges;
  private KeyValueStore<String, ExportStatus> statuses;

  StatusTableProcessor(StatusGauges gauges) {
    this.gauges = gauges;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    statuses = context.getStateStore(STORE);
    // a restored table bypasses process(): show what it holds from the start
    try (var all = statuses.all()) {
      all.forEachRemaining(kv -> gauges.changed(kv.value.getItem(), kv.value.getDestination(), this::stored));
    }
  }

  private ExportStatus stored(String item, String destination) {
    return statuses.get(item + "|" + destination);
  }

  @Override
  public void process(Record<String, ExportStatus> record) {
    if (record.value() == null) {
      statuses.delete(record.key());
    } else {
      statuses.put(record.key(), record.value());
      gauges.changed(record.value().getItem(), record.value().getDestination(), this::stored);
    }
  }
}
