package dev.chipwatch.app.cli;

import dev.chipwatch.app.demo.DemoExpectations;
import dev.chipwatch.app.demo.DemoFeedServer;
import dev.chipwatch.app.demo.DemoRun;
import dev.chipwatch.app.runtime.ChipwatchProcess;
import dev.chipwatch.app.runtime.Role;
import dev.chipwatch.schemas.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run everything on the embedded broker with bundled sample feeds (the 2025 H20 story) and a "
        + "scripted quote source, printing each alert as it is raised.")
final class DemoCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--once", description = "Exit 0 as soon as the expected demo alerts have been raised")
  boolean once;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "With --once: give up after this long (default ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  private Instant healthySince;

  /** Every service running for a few seconds: long enough for a rerun to show it raises nothing twice. */
  private boolean settled(ChipwatchProcess process) {
    if (!process.group().allRunning()) {
      healthySince = null;
      return false;
    }
    if (healthySince == null) {
      healthySince = Instant.now();
    }
    return Duration.between(healthySince, Instant.now()).compareTo(SETTLE) >= 0;
  }

  private static final Duration SETTLE = Duration.ofSeconds(3);

  @Override
  public Integer call() throws Exception {
    Instant started = Instant.now();
    PrintWriter out = spec.commandLine().getOut();
    try (DemoFeedServer feeds = new DemoFeedServer();
        ChipwatchProcess process = ChipwatchProcess.open(DemoRun.config(options.load(), feeds), "chipwatch")) {
      process.start(EnumSet.allOf(Role.class));
      AtomicBoolean stop = new AtomicBoolean();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.set(true)));
      out.println("Chipwatch demo: Kafka at " + process.kafka().bootstrapServers() + ", feeds at "
          + feeds.url("") + ", metrics at http://127.0.0.1:" + process.metricsPort() + "/metrics");
      out.println("Waiting for alerts" + (once ? " (--once: until the expected ones arrive)" : "; Ctrl-C to stop") + "...");
      out.flush();
      // the console receiver prints each alert as it is raised; this watches the topic as a subscriber would
      DemoExpectations expected = new DemoExpectations();
      Instant deadline = started.plus(Duration.ofSeconds(timeoutSeconds));
      int[] earlier = {0};
      try (AlertStream alerts = new AlertStream(process.kafka(), process.topics().name(Topics.Topic.ALERTS), true)) {
        alerts.follow(alert -> {
          expected.see(alert);
          if (alert.getRaisedAt().isBefore(started)) {
            earlier[0]++;
          }
        }, () -> stop.get() || once && (expected.met() && settled(process) || Instant.now().isAfter(deadline)));
      }
      if (!once) {
        return 0;
      }
      out.println();
      if (!expected.met()) {
        spec.commandLine().getErr().println("chipwatch demo: expected alerts not raised within " + timeoutSeconds
            + " s: missing " + String.join(", ", expected.missing()));
        return 1;
      }
      out.println("Demo complete in " + Duration.between(started, Instant.now()).toSeconds() + " s: "
          + expected.alertsSeen() + " alert(s) on the alerts topic (" + earlier[0] + " raised by an earlier run), "
          + expected.duplicates() + " duplicate(s).");
      return expected.duplicates() == 0 ? 0 : 1;
    }
  }
}
