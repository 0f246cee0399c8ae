package dev.chipwatch.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chipwatch.alerts.rules.InvalidRulesException;
import dev.chipwatch.alerts.rules.RuleFiles;
import dev.chipwatch.schemas.avro.AlertRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "add", mixinStandardHelpOptions = true,
    description = "Add one rule. Lists are comma-separated; fields and values are those of rule files (alerts/README.md).")
final class RulesAddCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--id", required = true, description = "Rule id") String id;
  @Option(names = "--kind", required = true, description = "export_status, market_cap, policy_event or mention") String kind;
  @Option(names = "--items", split = ",", description = "Chip, family or vendor ids, or *") List<String> items;
  @Option(names = "--destinations", split = ",", description = "Country codes (CN), EU or *") List<String> destinations;
  @Option(names = "--statuses", split = ",", description = "Target statuses: allowed, restricted, banned") List<String> statuses;
  @Option(names = "--vendors", split = ",", description = "Vendor ids") List<String> vendors;
  @Option(names = "--thresholds", split = ",", description = "USD thresholds: 4e12, 4T, $500B") List<String> thresholds;
  @Option(names = "--direction", description = "up or down") String direction;
  @Option(names = "--event-types", split = ",", description = "Policy event types, e.g. export_ban") List<String> eventTypes;
  @Option(names = "--min-confidence", description = "0..1") Double minConfidence;
  @Option(names = "--keywords", split = ",", description = "Words to watch for (mention rules)") List<String> keywords;
  @Option(names = "--receivers", split = ",", required = true, description = "Receiver names from the configuration") List<String> receivers;
  @Option(names = "--severity", description = "info, warning or critical") String severity;
  @Option(names = "--replace", description = "Replace a rule with the same id instead of refusing") boolean replace;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RuleTable table = new RuleTable(options.load());
    AlertRule rule;
    try {
      // through the rule-file reader, so the command accepts exactly what a file does ("4T", "export-status")
      rule = new RuleFiles().parse(new ObjectMapper().writeValueAsString(fields()), RuleFiles.Format.JSON).get(0);
      if (!replace && table.current().containsKey(rule.getId())) {
        throw new InvalidRulesException(List.of("rule '" + rule.getId() + "' exists already (use --replace, or rules rm)"));
      }
      table.put(List.of(rule));
    } catch (InvalidRulesException e) {
      return RulesCommand.refused(spec.commandLine().getErr(), "rules add", e);
    }
    spec.commandLine().getOut().println("added " + RulesListCommand.line(rule));
    spec.commandLine().getOut().flush();
    return 0;
  }

  private Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("kind", kind);
    putIf(m, "items", items);
    putIf(m, "destinations", destinations);
    putIf(m, "statuses", statuses);
    putIf(m, "vendors", vendors);
    putIf(m, "thresholdsUsd", thresholds);
    putIf(m, "direction", direction);
    putIf(m, "eventTypes", eventTypes);
    putIf(m, "minConfidence", minConfidence);
    putIf(m, "keywords", keywords);
    putIf(m, "receivers", receivers);
    putIf(m, "severity", severity);
    return m;
  }

  private static void putIf(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
