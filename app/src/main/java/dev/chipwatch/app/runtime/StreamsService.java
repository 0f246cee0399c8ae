package dev.chipwatch.app.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Kafka Streams topology run as a {@link ManagedService}, its metrics bound to the registry. */
public final class StreamsService implements ManagedService {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);

  private final String name;
  private final KafkaStreams streams;
  private final KafkaStreamsMetrics metrics;

  public StreamsService(String name, Topology topology, Properties props, MeterRegistry registry) {
    this.name = name;
    this.streams = new KafkaStreams(topology, props);
    this.streams.setUncaughtExceptionHandler(e -> {
      LOG.error("{}: stream thread failed, replacing it: {}", name, e.toString(), e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    this.streams.setStateListener((now, before) -> LOG.info("{}: {} -> {}", name, before, now));
    this.metrics = new KafkaStreamsMetrics(streams, java.util.List.of(io.micrometer.core.instrument.Tag.of("service", name)));
    this.metrics.bindTo(registry);
    bindStateGauges(registry);
  }

  /**
   * One gauge per possible state, 1 for the current one: alert rules and state timelines select a
   * state by name instead of decoding the ordinal that Kafka's own client-state metric carries.
   */
  private void bindStateGauges(MeterRegistry registry) {
    for (KafkaStreams.State state : KafkaStreams.State.values()) {
      Gauge.builder("chipwatch.stream.state", streams, s -> s.state() == state ? 1 : 0)
          .description("1 when the service's Kafka Streams client is in this state, else 0")
          .tag("service", name).tag("state", state.name()).register(registry);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start() {
    streams.start();
  }

  @Override
  public boolean healthy() {
    KafkaStreams.State s = streams.state();
    return s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING;
  }

  @Override
  public String state() {
    return streams.state().name();
  }


  @Override
  public void close() {
    // leave the group: a restarted instance then gets its tasks at once instead of after the session timeout
    streams.close(org.apache.kafka.streams.CloseOptions.timeout(Duration.ofSeconds(30))
        .withGroupMembershipOperation(org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    metrics.close();
  }
}
