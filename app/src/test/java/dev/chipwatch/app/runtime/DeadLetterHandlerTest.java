package dev.chipwatch.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterHandlerTest {
  private final byte[] poison = {1, 2, 3};

  private final ErrorHandlerContext context = new ErrorHandlerContext() {
    @Override public String topic() { return "chipwatch.articles.raw"; }
    @Override public int partition() { return 2; }
    @Override public long offset() { return 41; }
    @Override public Headers headers() { return new RecordHeaders(); }
    @Override public String processorNodeId() { return "articles-raw-source"; }
    @Override public TaskId taskId() { return new TaskId(0, 2); }
    @Override public long timestamp() { return 0; }
    @Override public byte[] sourceRawKey() { return "k".getBytes(StandardCharsets.UTF_8); }
    @Override public byte[] sourceRawValue() { return poison; }
  };

  private DeadLetterHandler handler() {
    DeadLetterHandler h = new DeadLetterHandler();
    h.configure(Map.of(DeadLetterHandler.DLQ_TOPIC_CONFIG, "chipwatch.dlq", "application.id", "chipwatch-enrich"));
    return h;
  }

  @Test
  void unreadableRecordGoesToTheDlqAndProcessingResumes() {
    DeserializationExceptionHandler.Response r = handler().handleError(context,
        new ConsumerRecord<>("chipwatch.articles.raw", 2, 41, "k".getBytes(StandardCharsets.UTF_8), poison),
        new IllegalArgumentException("bad magic"));
    assertEquals(DeserializationExceptionHandler.Result.RESUME, r.result());
    DeadLetter letter = decode(r.deadLetterQueueRecords().get(0));
    assertEquals("DESERIALIZATION", letter.getReason());
    assertEquals("chipwatch-enrich", letter.getStage());
    assertEquals("chipwatch.articles.raw-2@41", letter.getSourceId());
    assertTrue(letter.getMessage().contains("bad magic"));
    assertEquals(3, letter.getPayload().remaining());
  }

  @Test
  void processingFailureGoesToTheDlqWithTheRawValue() {
    var r = handler().handleError(context, new Record<>("k", "v", 0), new IllegalStateException("tagger broke"));
    assertEquals(org.apache.kafka.streams.errors.ProcessingExceptionHandler.Result.RESUME, r.result());
    DeadLetter letter = decode(r.deadLetterQueueRecords().get(0));
    assertEquals("PROCESSING", letter.getReason());
    assertTrue(letter.getMessage().startsWith("IllegalStateException: tagger broke"));
  }

  private static DeadLetter decode(ProducerRecord<byte[], byte[]> record) {
    assertEquals("chipwatch.dlq", record.topic());
    return Topics.valueSerde(DeadLetter.class).deserializer().deserialize(record.topic(), record.value());
  }
}
