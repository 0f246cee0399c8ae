package dev.chipwatch.app.cli;

import dev.chipwatch.alerts.notify.ConsoleNotifier;
import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.runtime.KafkaProperties;
import dev.chipwatch.schemas.Topics;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Print alerts from the alerts topic as they arrive, as a subscriber sees them.")
final class TailCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--from-beginning", description = "Start with the oldest alert still in the topic")
  boolean fromBeginning;

  @Option(names = "--json", description = "One JSON object per alert and line")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ChipwatchConfig config = options.load();
    KafkaProperties kafka = ClusterAccess.kafka(config);
    String topic = new Topics(config.kafka().topicPrefix()).name(Topics.Topic.ALERTS);
    ConsoleNotifier console = new ConsoleNotifier(System.out);
    java.io.PrintWriter out = spec.commandLine().getOut();
    AtomicBoolean stop = new AtomicBoolean();
    try (AlertStream alerts = new AlertStream(kafka, topic, fromBeginning)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stop.set(true);
        alerts.wakeup();
      }));
      alerts.follow(a -> {
        if (json) {
          out.println(AlertJson.of(a));
          out.flush();
        } else {
          console.send(java.util.List.of(a));
        }
      }, stop::get);
    } catch (org.apache.kafka.common.errors.WakeupException e) {
      // Ctrl-C
    }
    return 0;
  }
}
