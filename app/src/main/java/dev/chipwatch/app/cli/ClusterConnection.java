package dev.chipwatch.app.cli;

import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.runtime.KafkaProperties;
import java.nio.file.Path;

/**
 * Kafka client settings for commands that talk to a running Chipwatch: the configured cluster, or
 * the embedded broker of a `chipwatch run` on this machine (127.0.0.1, kafka.embedded.port).
 */
final class ClusterConnection {
  private ClusterConnection() {}

  /** @throws IllegalArgumentException when neither a cluster nor a fixed embedded port is configured */
  static KafkaProperties of(ChipwatchConfig config) {
    if (config.kafka().useEmbedded() && config.kafka().embedded().port() == 0) {
      throw new dev.chipwatch.app.config.ConfigException("no Kafka to talk to: kafka.embedded.port is 0; give --bootstrap-servers "
          + "(the running chipwatch prints its address)");
    }
    String bootstrap = config.kafka().useEmbedded()
        ? "127.0.0.1:" + config.kafka().embedded().port() : config.kafka().bootstrapServers();
    return new KafkaProperties(bootstrap, config.kafka().clientProperties(),
        config.kafka().processingGuarantee(), Path.of(config.dataDir()), config.kafka().replicationFactor());
  }
}
