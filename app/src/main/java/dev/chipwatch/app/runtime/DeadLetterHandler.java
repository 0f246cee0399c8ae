package dev.chipwatch.app.runtime;

import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Poison records never stop a topology and never vanish: a record that cannot be read, or whose
 * processing throws, becomes a {@link DeadLetter} in the dlq topic (through Kafka Streams' own
 * dead-letter support, KIP-1034, so it is written in the same transaction) and processing resumes.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
  /** Streams configuration key naming the dlq topic. */
  public static final String DLQ_TOPIC_CONFIG = "chipwatch.dlq.topic";
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
  private static final int MAX_MESSAGE = 500;

  private String dlqTopic;
  private String stage;

  @Override
  public void configure(Map<String, ?> configs) {
    dlqTopic = String.valueOf(configs.get(DLQ_TOPIC_CONFIG));
    stage = String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG));
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
      ConsumerRecord<byte[], byte[]> record, Exception exception) {
    return DeserializationExceptionHandler.Response.resume(
        List.of(deadLetter(context, "DESERIALIZATION", exception, record.value())));
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
      Exception exception) {
    return ProcessingExceptionHandler.Response.resume(
        List.of(deadLetter(context, "PROCESSING", exception, context.sourceRawValue())));
  }

  ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, String reason, Exception e, byte[] payload) {
    String source = context.topic() + "-" + context.partition() + "@" + context.offset();
    String message = String.valueOf(e.getMessage());
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE);
    }
    LOG.warn("{}: {} failed for {} at node {}: {}; sent to {}", stage, reason.toLowerCase(), source,
        context.processorNodeId(), message, dlqTopic);
    DeadLetter letter = DeadLetter.newBuilder()
        .setSourceId(source)
        .setStage(stage)
        .setReason(reason)
        .setMessage(e.getClass().getSimpleName() + ": " + message)
        .setPayload(payload == null ? null : java.nio.ByteBuffer.wrap(payload))
        .setAt(Instant.now())
        .build();
    byte[] value = Topics.valueSerde(DeadLetter.class).serializer().serialize(dlqTopic, letter);
    return new ProducerRecord<>(dlqTopic, source.getBytes(StandardCharsets.UTF_8), value);
  }
}
