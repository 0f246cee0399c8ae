package dev.chipwatch.app.cli;

import dev.chipwatch.alerts.rules.InvalidRulesException;
import dev.chipwatch.alerts.rules.RuleFiles;
import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.runtime.ConfiguredParts;
import dev.chipwatch.app.runtime.TopologyReplay;
import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.AlertRule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "test", mixinStandardHelpOptions = true,
    description = "Backtest: run feeds through the enrich and alerts topologies offline and print the alerts the rules "
        + "would raise. Sends nothing and needs no broker; receivers are not checked.")
final class RulesTestCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Parameters(index = "0", paramLabel = "RULE_FILE", description = "Rule file (.yaml, .yml or .json)") Path ruleFile;

  @Option(names = "--against", arity = "1..*", required = true, paramLabel = "FEED",
      description = "Feed files or http(s) URLs") List<String> feeds;

  @Option(names = "--json", description = "One JSON object per alert, as `tail --json` prints them") boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<AlertRule> rules;
    try {
      rules = new RuleFiles().load(ruleFile);
    } catch (InvalidRulesException e) {
      return RulesCommand.refused(err, "rules test", e);
    }
    ChipwatchConfig config = options.load();
    FeedInputs inputs = new FeedInputs(ConfiguredParts.fetchSettings(config), Clock.systemUTC());
    FeedInputs.Items read = inputs.readAll(feeds, err);
    boolean failed = read.anyFailed();
    List<TopologyReplay.Input> items = read.items();
    List<Alert> alerts;
    try (TopologyReplay replay = new TopologyReplay(config)) {
      alerts = replay.alerts(items, rules);
    }
    for (Alert a : alerts) {
      out.println(json ? AlertJson.of(a) : line(a));
    }
    out.flush();
    err.println(alerts.size() + " alert(s) from " + items.size() + " item(s) and " + rules.size()
        + " rule(s); nothing was sent");
    err.flush();
    return failed ? 1 : 0;
  }

  private static String line(Alert a) {
    return a.getOccurredAt() + "  " + a.getRuleId() + "  [" + a.getSeverity() + "] " + a.getTitle().replace('\n', ' ')
        + "  -> " + a.getReceivers();
  }
}
