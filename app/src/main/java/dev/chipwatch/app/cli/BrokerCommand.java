package dev.chipwatch.app.cli;

import dev.chipwatch.app.broker.EmbeddedKafka;
import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.runtime.ServiceGroup;
import dev.chipwatch.app.runtime.TopicProvisioner;
import dev.chipwatch.schemas.Topics;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "broker", mixinStandardHelpOptions = true,
    description = "Run the embedded single-node Kafka broker alone, with Chipwatch's topics, for separate services.")
final class BrokerCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Override
  public Integer call() throws Exception {
    ChipwatchConfig config = options.load();
    try (ServiceGroup group = new ServiceGroup()) {
      EmbeddedKafka broker = group.own(new EmbeddedKafka(Path.of(config.dataDir()).resolve("kafka"),
          config.kafka().embedded().port(), config.kafka().embedded().controllerPort()));
      broker.start();
      Properties admin = new Properties();
      admin.put("bootstrap.servers", broker.bootstrapServers());
      TopicProvisioner.ensureTopics(admin, new Topics(config.kafka().topicPrefix()), (short) 1);
      group.closeOnShutdown();
      System.err.println("Kafka broker at " + broker.bootstrapServers() + "; Ctrl-C to stop");
      group.awaitClose();
    }
    return 0;
  }
}
