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
      DemoExpectations expected = new DemoExpectations();
      AlertPrinter printer = new AlertPrinter(out, false);
      Instant deadline = started.plus(Duration.ofSeconds(timeoutSeconds));
      try (AlertStream alerts = new AlertStream(process.kafka(), process.topics().name(Topics.Topic.ALERTS), true)) {
        alerts.follow(alert -> {
          printer.print(alert, alert.getRaisedAt().isBefore(started) ? "raised in an earlier run" : null);
          expected.see(alert);
        }, () -> stop.get() || once && (expected.met() || Instant.now().isAfter(deadline)));
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
      out.println("Demo complete: " + expected.alertsSeen() + " alert(s) on the alerts topic, "
          + expected.duplicates() + " duplicate(s), in " + Duration.between(started, Instant.now()).toSeconds() + " s.");
      return expected.duplicates() == 0 ? 0 : 1;
    }
  }
}
