package dev.chipwatch.alerts.topology;

import dev.chipwatch.alerts.notify.AlertCloudEvent;
import dev.chipwatch.schemas.avro.Alert;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An alert as a CloudEvent in the Kafka protocol binding's structured mode: the JSON event is the
 * value and the content-type header says so.
 */
final class CloudEventProcessor implements Processor<String, Alert, String, byte[]> {
  static final String CONTENT_TYPE_HEADER = "content-type";
  private static final byte[] CONTENT_TYPE =
      (AlertCloudEvent.CONTENT_TYPE + "; charset=UTF-8").getBytes(StandardCharsets.UTF_8);

  private ProcessorContext<String, byte[]> context;

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Alert> record) {
    Record<String, byte[]> event = record.withValue(AlertCloudEvent.toBytes(record.value(), AlertCloudEvent.DEFAULT_SOURCE));
    event.headers().remove(CONTENT_TYPE_HEADER).add(CONTENT_TYPE_HEADER, CONTENT_TYPE);
    context.forward(event);
  }
}
