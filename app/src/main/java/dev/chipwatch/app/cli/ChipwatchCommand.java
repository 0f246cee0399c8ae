package dev.chipwatch.app.cli;

import picocli.CommandLine.Command;

@Command(
    name = "chipwatch",
    mixinStandardHelpOptions = true,
    version = "chipwatch 0.1.0",
    description = "Tracks AI-chip export status and chip-company market values from news and notices.",
    subcommands = {
        RunCommand.class, DemoCommand.class, BrokerCommand.class,
        IngestCommand.class, EnrichCommand.class, AlertsCommand.class,
        TagCommand.class, ReplayCommand.class, TailCommand.class,
        RulesCommand.class, SilenceCommand.class, BenchCommand.class
    })
public final class ChipwatchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. chipwatch demo");
  }
}
