package dev.chipwatch.app.cli;

import dev.chipwatch.app.bench.EnrichBenchmark;
import dev.chipwatch.app.config.ChipwatchConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks on an embedded broker in a temporary directory, printing a report.",
    subcommands = {BenchCommand.Enrich.class})
final class BenchCommand {
  @Command(name = "enrich", mixinStandardHelpOptions = true,
      description = "Enrich topology throughput (backlog, one stream thread) and produce-to-tagged latency at a steady rate.")
  static final class Enrich implements Callable<Integer> {
    @Mixin ConfigOptions options;

    @Option(names = "--articles", defaultValue = "5000", description = "Backlog size (default ${DEFAULT-VALUE})")
    int articles;

    @Option(names = "--rate", defaultValue = "50", description = "Articles per second for the latency run (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seconds", defaultValue = "20", description = "Length of the latency run (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--guarantee", defaultValue = "exactly_once_v2",
        description = "exactly_once_v2 or at_least_once (default ${DEFAULT-VALUE})")
    String guarantee;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Path dir = Files.createTempDirectory("chipwatch-bench");
      ChipwatchConfig config = options.load(Map.of("dataDir", dir.toString(), "kafka.embedded.port", "0",
          "kafka.embedded.controllerPort", "0", "metrics.enabled", "false", "kafka.processingGuarantee", guarantee,
          "alerts.defaultRules", "false"));
      new EnrichBenchmark(spec.commandLine().getOut()).run(config, articles, rate, seconds);
      return 0;
    }
  }
}
