package dev.chipwatch.app.cli;

import java.util.Locale;
import java.time.Duration;
import java.io.PrintWriter;
import dev.chipwatch.app.runtime.ConfiguredParts;
import dev.chipwatch.app.bench.RuleThroughput;
import dev.chipwatch.app.bench.DeliveryLatency;
import dev.chipwatch.app.bench.EnrichBenchmark;
import dev.chipwatch.app.bench.IngestBench;
import dev.chipwatch.app.config.ChipwatchConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure parts of Chipwatch and print a report.",
    subcommands = {BenchCommand.Ingest.class, BenchCommand.Enrich.class, BenchCommand.Alerts.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a benchmark: ingest, enrich or alerts");
  }

  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = "Parse time of a 100 KB feed; local feeds fetched, parsed and written to an embedded broker "
          + "(per second and per CPU second); heap per registered feed and per cursor. Runs its own broker on "
          + "free ports in a temporary directory; takes a minute or two.")
  static final class Ingest implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--parse-runs", defaultValue = "500", description = "Measured parses (default ${DEFAULT-VALUE})")
    int parseRuns;

    @Option(names = "--feeds", defaultValue = "1000", description = "Local feeds fetched (default ${DEFAULT-VALUE})")
    int feeds;

    @Option(names = "--feed-kb", defaultValue = "20", description = "Size of each local feed (default ${DEFAULT-VALUE})")
    int feedKb;

    @Option(names = "--fetch-threads", defaultValue = "1", description = "Fetch pool size (default ${DEFAULT-VALUE})")
    int fetchThreads;

    @Option(names = "--registered", defaultValue = "10000",
        description = "Feeds registered for the heap measurement (default ${DEFAULT-VALUE})")
    int registered;

    @Option(names = "--seen-ids", defaultValue = "50", description = "Item ids per cursor (default ${DEFAULT-VALUE})")
    int seenIds;

    @Override
    public Integer call() throws Exception {
      if (parseRuns < 1 || feeds < 1 || feedKb < 1 || fetchThreads < 1 || registered < 1 || seenIds < 1) {
        throw new ParameterException(spec.commandLine(), "every count must be at least 1");
      }
      Path dir = Files.createTempDirectory("chipwatch-bench");
      try {
        new IngestBench(spec.commandLine().getOut()).run(new IngestBench.Options(parseRuns, feeds, feedKb * 1024,
            registered, seenIds, fetchThreads, dir));
      } finally {
        delete(dir);
      }
      return 0;
    }

  }

  @Command(name = "enrich", mixinStandardHelpOptions = true,
      description = "Enrich topology throughput (a warm-up, then a measured backlog of 5 KB articles, one stream thread) and produce-to-tagged "
          + "latency at a steady rate, on an embedded broker on free ports in a temporary directory.")
  static final class Enrich implements Callable<Integer> {
    @Mixin ConfigOptions options;

    @Option(names = "--articles", defaultValue = "10000", description = "Measured backlog size (default ${DEFAULT-VALUE})")
    int articles;

    @Option(names = "--warmup", defaultValue = "5000",
        description = "Articles per warm-up round before the measured backlog, not counted; rounds repeat until the JIT"
            + " compilers are nearly idle, at most 20 (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--rate", defaultValue = "50", description = "Articles per second for the latency run (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seconds", defaultValue = "20", description = "Length of the latency run (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--dense", description = "Articles with about ten export events each instead of one")
    boolean dense;

    @Option(names = "--guarantee", defaultValue = "exactly_once_v2",
        description = "exactly_once_v2 or at_least_once (default ${DEFAULT-VALUE})")
    String guarantee;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Path dir = Files.createTempDirectory("chipwatch-bench");
      try {
        ChipwatchConfig config = options.load(Map.of("dataDir", dir.toString(), "kafka.embedded.port", "0",
            "kafka.embedded.controllerPort", "0", "metrics.enabled", "false", "kafka.processingGuarantee", guarantee,
            "alerts.defaultRules", "false"));
        new EnrichBenchmark(spec.commandLine().getOut()).run(config, warmup, articles, rate, seconds, dense);
      } finally {
        delete(dir);
      }
      return 0;
    }
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

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
