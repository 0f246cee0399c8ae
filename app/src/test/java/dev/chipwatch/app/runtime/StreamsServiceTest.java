package dev.chipwatch.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsServiceTest {
  @TempDir Path dir;

  @Test
  void exactlyTheCurrentStreamStateGaugeIsOne() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in").to("out");
    // nothing listens here: the client is only created, never started
    KafkaProperties kafka = new KafkaProperties("127.0.0.1:1", Map.of(), "at_least_once", dir, 1);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (StreamsService service = new StreamsService("enrich", builder.build(), kafka.streams("test-app", "test-dlq"), registry)) {
      var gauges = registry.find("chipwatch.stream.state").tag("service", "enrich").gauges();

      assertEquals(KafkaStreams.State.values().length, gauges.size());
      for (var gauge : gauges) {
        boolean current = gauge.getId().getTag("state").equals(KafkaStreams.State.CREATED.name());
        assertEquals(current ? 1.0 : 0.0, gauge.value(), gauge.getId().getTag("state"));
      }
    }
  }
}
