package dev.chipwatch.app.cli;

import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.runtime.ChipwatchProcess;
import dev.chipwatch.app.runtime.Role;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** Runs services until interrupted (Ctrl-C or SIGTERM), then stops them in order. */
abstract class ServiceCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  abstract Set<Role> roles();

  abstract String application();

  @Override
  public Integer call() throws Exception {
    ChipwatchConfig config = options.load();
    try (ChipwatchProcess process = ChipwatchProcess.open(config, application())) {
      process.group().closeOnShutdown();
      process.start(roles());
      System.err.println("chipwatch " + application() + " running on Kafka " + process.kafka().bootstrapServers()
          + (process.metricsPort() > 0 ? "; metrics at http://" + config.metrics().host() + ":" + process.metricsPort() + "/metrics" : "")
          + "; Ctrl-C to stop");
      process.group().awaitClose();
    }
    return 0;
  }
}
