package dev.chipwatch.app.cli;

import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.runtime.KafkaProperties;
import java.nio.file.Path;

/**
 * Kafka clients for one-shot commands (tail, rules, silence): the configured cluster, or the
 * embedded broker a running `chipwatch run|demo|broker` serves on 127.0.0.1:kafka.embedded.port.
 */
final class ClusterAccess {
  private ClusterAccess() {}

  static KafkaProperties kafka(ChipwatchConfig config) {
    if (config.kafka().useEmbedded() && config.kafka().embedded().port() == 0) {
      // port 0 means "pick one" to the broker; a separate command cannot know which it picked
      throw new dev.chipwatch.app.config.ConfigException(
          "kafka.embedded.port is 0, so the running broker's port is unknown here: name it with --bootstrap-servers HOST:PORT");
    }
    String bootstrap = config.kafka().useEmbedded()
        ? "127.0.0.1:" + config.kafka().embedded().port() : config.kafka().bootstrapServers();
    return new KafkaProperties(bootstrap, config.kafka().clientProperties(),
        config.kafka().processingGuarantee(), Path.of(config.dataDir()), config.kafka().replicationFactor());
  }
}
