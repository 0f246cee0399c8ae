package dev.chipwatch.app.cli;

import dev.chipwatch.alerts.rules.InvalidRulesException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "rules", mixinStandardHelpOptions = true,
    description = "List, add, remove, apply or backtest alert rules (the compacted alert-rules topic).",
    subcommands = {RulesListCommand.class, RulesAddCommand.class, RulesRmCommand.class, RulesApplyCommand.class,
        RulesTestCommand.class})
final class RulesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a subcommand: list, add, rm, apply or test");
  }

  /** Every reason a set of rules was refused, one per line; the exit code of a refusal. */
  static int refused(PrintWriter err, String command, InvalidRulesException e) {
    err.println("chipwatch " + command + ": refused" + (command.endsWith("test") ? "" : ", nothing applied") + ":");
    e.reasons().forEach(r -> err.println("  - " + r));
    err.flush();
    return 1;
  }
}
