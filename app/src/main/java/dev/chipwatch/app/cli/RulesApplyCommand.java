package dev.chipwatch.app.cli;

import dev.chipwatch.alerts.rules.InvalidRulesException;
import dev.chipwatch.alerts.rules.RuleFiles;
import dev.chipwatch.schemas.avro.AlertRule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Add or replace every rule of a YAML/JSON rule file, all in one transaction or none at all.")
final class RulesApplyCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Parameters(index = "0", paramLabel = "FILE", description = "Rule file (.yaml, .yml or .json)") Path file;

  @Option(names = "--dry-run", description = "Validate only; write nothing") boolean dryRun;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RuleTable table = new RuleTable(options.load());
    List<AlertRule> rules;
    try {
      rules = new RuleFiles().load(file);
      if (dryRun) {
        table.check(rules);
      } else {
        table.put(rules);
      }
    } catch (InvalidRulesException e) {
      return RulesCommand.refused(spec.commandLine().getErr(), "rules apply", e);
    } catch (java.nio.file.NoSuchFileException e) {
      spec.commandLine().getErr().println("chipwatch rules apply: no such file " + file);
      spec.commandLine().getErr().flush();
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println((dryRun ? "valid, not applied: " : "applied: ") + rules.size() + " rule(s) "
        + rules.stream().map(AlertRule::getId).toList());
    out.flush();
    return 0;
  }
}
