package dev.chipwatch.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.runtime.ConfiguredParts;
import dev.chipwatch.app.runtime.TopologyReplay;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Run feed items through the enrich topology in publication order and print each export-status change "
        + "as a JSON line (contract/export-status.md).")
final class ReplayCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Parameters(arity = "1..*", paramLabel = "FEED", description = "Feed files or http(s) URLs")
  List<String> feeds;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ChipwatchConfig config = options.load();
    FeedInputs inputs = new FeedInputs(ConfiguredParts.fetchSettings(config), Clock.systemUTC());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FeedInputs.Items read = inputs.readAll(feeds, err);
    boolean failed = read.anyFailed();
    List<TopologyReplay.Input> items = read.items();
    ObjectMapper json = new ObjectMapper();
    try (TopologyReplay replay = new TopologyReplay(config)) {
      for (ExportStatusChange change : replay.changes(items)) {
        out.println(json.writeValueAsString(line(change)));
      }
    }
    out.flush();
    err.flush();
    return failed ? 1 : 0;
  }

  private static Map<String, Object> line(ExportStatusChange c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("item", c.getItem());
    m.put("destination", c.getDestination());
    m.put("from", c.getFrom().name());
    m.put("to", c.getTo().name());
    m.put("at", c.getAt().toString());
    m.put("articles", c.getLinks().isEmpty() ? c.getArticleIds() : c.getLinks());
    return m;
  }
}
