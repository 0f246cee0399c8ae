package dev.chipwatch.app.runtime;

import dev.chipwatch.app.broker.EmbeddedKafka;
import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * One Chipwatch process: its broker connection (embedded or a cluster), topics, metrics endpoint
 * and the services of the roles it runs.
 */
public final class ChipwatchProcess implements AutoCloseable {
  private final ChipwatchConfig config;
  private final ServiceGroup group = new ServiceGroup();
  private final PrometheusMeterRegistry registry;
  private final Topics topics;
  private final KafkaProperties kafka;
  private MetricsServer metricsServer;

  private ChipwatchProcess(ChipwatchConfig config, String application) {
    this.config = config;
    this.registry = Metrics.registry(application);
    this.topics = new Topics(config.kafka().topicPrefix());
    String bootstrap = config.kafka().bootstrapServers();
    if (config.kafka().useEmbedded()) {
      var ports = config.kafka().embedded();
      EmbeddedKafka broker = group.own(ports.port() == 0 || ports.controllerPort() == 0
          ? EmbeddedKafka.onFreePorts(dataDir().resolve("kafka"))
          : new EmbeddedKafka(dataDir().resolve("kafka"), ports.port(), ports.controllerPort()));
      broker.start();
      bootstrap = broker.bootstrapServers();
    }
    this.kafka = new KafkaProperties(bootstrap, config.kafka().clientProperties(),
        config.kafka().processingGuarantee(), dataDir(), config.kafka().replicationFactor());
  }

  /** Connects (starting the embedded broker if configured), creates topics, serves metrics. */
  public static ChipwatchProcess open(ChipwatchConfig config, String application) {
    ChipwatchProcess process = new ChipwatchProcess(config, application);
    try {
      TopicProvisioner.ensureTopics(process.kafka.admin(), process.topics, (short) config.kafka().replicationFactor());
      process.serveMetrics();
      return process;
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
  }

  private void serveMetrics() {
    if (!config.metrics().enabled()) {
      return;
    }
    try {
      metricsServer = group.own(new MetricsServer(config.metrics().host(), config.metrics().port(), registry,
          group::healthy, group::states));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics on " + config.metrics().host() + ":"
          + config.metrics().port() + " (set metrics.port, or metrics.enabled=false): " + e.getMessage(), e);
    }
  }

  /** Starts the services of the given roles. */
  public void start(Set<Role> roles) {
    Services services = new Services(config, topics, kafka, registry, group);
    if (roles.contains(Role.INGEST)) {
      services.startIngest();
    }
    if (roles.contains(Role.ENRICH)) {
      services.startEnrich();
    }
    if (roles.contains(Role.ALERTS)) {
      services.startAlerts();
    }
  }

  public Path dataDir() {
    return Path.of(config.dataDir());
  }

  public Topics topics() {
    return topics;
  }

  public KafkaProperties kafka() {
    return kafka;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public ServiceGroup group() {
    return group;
  }

  public int metricsPort() {
    return metricsServer == null ? -1 : metricsServer.port();
  }

  @Override
  public void close() {
    group.close();
  }
}
