package dev.chipwatch.app.cli;

import dev.chipwatch.alerts.rules.DefaultRules;
import dev.chipwatch.app.config.ChipwatchConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove rules by id (all or none).")
final class RulesRmCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Parameters(arity = "1..*", paramLabel = "ID", description = "Rule ids") List<String> ids;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ChipwatchConfig config = options.load();
    RuleTable table = new RuleTable(config);
    Map<String, ?> current = table.current();
    List<String> missing = ids.stream().filter(id -> !current.containsKey(id)).toList();
    PrintWriter err = spec.commandLine().getErr();
    if (!missing.isEmpty()) {
      err.println("chipwatch rules rm: no rule " + String.join(", ", missing) + "; nothing removed");
      err.flush();
      return 1;
    }
    table.remove(ids);
    spec.commandLine().getOut().println("removed " + String.join(", ", ids));
    spec.commandLine().getOut().flush();
    if (config.alerts().defaultRules() && ids.stream().anyMatch(id -> DefaultRules.get().stream()
        .anyMatch(r -> r.getId().equals(id)))) {
      err.println("note: default rules are written again when the alerts service starts; set alerts.defaultRules: false"
          + " to keep them removed");
      err.flush();
    }
    return 0;
  }
}
