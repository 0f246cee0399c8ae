package dev.chipwatch.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chipwatch.schemas.avro.AlertRule;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Print the rules in force, one per line.")
final class RulesListCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--json", description = "One JSON object per rule, in rule-file shape")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper mapper = new ObjectMapper();
    for (AlertRule rule : new RuleTable(options.load()).current().values()) {
      out.println(json ? mapper.writeValueAsString(RuleJson.of(rule)) : line(rule));
    }
    out.flush();
    return 0;
  }

  /** "h20-china  export_status  items=[nvidia-h20] destinations=[CN]  -> [team-slack]  critical" */
  static String line(AlertRule rule) {
    Map<String, Object> m = RuleJson.of(rule);
    List<String> criteria = new ArrayList<>();
    m.forEach((key, value) -> {
      if (!List.of("id", "kind", "receivers", "severity").contains(key)) {
        criteria.add(key + "=" + value);
      }
    });
    return m.get("id") + "  " + m.get("kind") + "  " + (criteria.isEmpty() ? "(everything)" : String.join(" ", criteria))
        + "  -> " + m.get("receivers") + "  " + m.get("severity");
  }
}
