package dev.chipwatch.app.cli;

import dev.chipwatch.app.bench.DeliveryLatency;
import dev.chipwatch.app.bench.RuleThroughput;
import dev.chipwatch.app.runtime.ConfiguredParts;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure Chipwatch and print a report.",
    subcommands = BenchCommand.Alerts.class)
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name what to measure: alerts");
  }

  @Command(name = "alerts", mixinStandardHelpOptions = true,
      description = "Rule evaluation throughput with many rules (one thread), and latency from a change record to a "
          + "local webhook's 2xx at a steady rate on an embedded broker (free ports, temporary data).")
  static final class Alerts implements Callable<Integer> {
    @Mixin ConfigOptions options;

    @Option(names = "--rules", defaultValue = "1000", description = "Rules to evaluate against (default ${DEFAULT-VALUE})")
    int rules;

    @Option(names = "--changes", defaultValue = "20000", description = "Changes to evaluate (default ${DEFAULT-VALUE})")
    int changes;

    @Option(names = "--rate", defaultValue = "20", description = "Changes per second for the latency run (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--seconds", defaultValue = "30", description = "Length of the latency run (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--group-window-ms", defaultValue = "0",
        description = "The webhook's group window in the latency run (default ${DEFAULT-VALUE}: each alert at once)")
    int groupWindowMillis;

    @Option(names = "--skip-latency", description = "Only the throughput part (no broker)") boolean skipLatency;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "chipwatch bench alerts — %d CPU(s) available, Java %s%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
      RuleThroughput throughput = new RuleThroughput(ConfiguredParts.taxonomy(options.load()), rules, changes);
      RuleThroughput.Result evaluator = throughput.evaluator(Duration.ofSeconds(3));
      out.printf(Locale.ROOT, "rule evaluation, %d rules, one thread, %.2f alerts per change:%n", throughput.rules(),
          evaluator.alerts() / (double) changes);
      out.printf(Locale.ROOT, "  evaluator alone: %,.0f changes/s wall clock, %,.0f changes per CPU-second%n",
          evaluator.changesPerSecond(), evaluator.changesPerCpuSecond());
      out.flush();
      RuleThroughput.Result topology = throughput.topology(Duration.ofSeconds(3));
      out.printf(Locale.ROOT, "  alerts topology in the test driver (rule store, RocksDB dedup store, Avro; the driver "
          + "commits after every record): %,.0f changes/s wall clock, %,.0f per CPU-second%n",
          topology.changesPerSecond(), topology.changesPerCpuSecond());
      out.flush();
      if (!skipLatency) {
        DeliveryLatency.Result latency = new DeliveryLatency().run(rate, Duration.ofSeconds(seconds),
            Duration.ofSeconds(Math.min(5, seconds / 3)), groupWindowMillis);
        out.printf(Locale.ROOT, "change record -> webhook 2xx at %.0f changes/s for %d s (group window %d ms): "
            + "p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d alerts after warm-up (%d/%d received)%n", rate, seconds,
            groupWindowMillis, latency.p50(), latency.p99(), latency.max(), latency.measured(), latency.received(),
            latency.sent());
      }
      out.flush();
      return 0;
    }
  }
}
