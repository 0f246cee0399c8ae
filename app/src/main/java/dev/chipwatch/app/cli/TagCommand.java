package dev.chipwatch.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.runtime.ConfiguredParts;
import dev.chipwatch.enrich.tagging.Explanation;
import dev.chipwatch.enrich.tagging.PolicyAction;
import dev.chipwatch.enrich.tagging.Tagger;
import dev.chipwatch.enrich.tagging.Tags;
import dev.chipwatch.ingest.feed.FeedException;
import dev.chipwatch.ingest.feed.FeedItem;
import dev.chipwatch.ingest.feed.ParsedFeed;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tag", mixinStandardHelpOptions = true,
    description = "Parse feeds and print one JSON line per item with its tags (contract/tagging.md).")
final class TagCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Parameters(arity = "1..*", paramLabel = "FEED", description = "Feed files or http(s) URLs")
  List<String> feeds;

  @Option(names = "--explain", description = "Also print, per event, the trigger rules and cue words that fired and its "
      + "effective time, and per item the candidate events that were dropped and why (\"rejected\")")
  boolean explain;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ChipwatchConfig config = options.load();
    Tagger tagger = ConfiguredParts.tagger(config);
    FeedInputs inputs = new FeedInputs(ConfiguredParts.fetchSettings(config), Clock.systemUTC());
    ObjectMapper json = new ObjectMapper();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean failed = false;
    for (String feed : feeds) {
      ParsedFeed parsed;
      try {
        parsed = inputs.read(feed);
      } catch (FeedException e) {
        err.println(feed + ": " + e.reason() + " " + e.getMessage());
        failed = true;
        continue;
      }
      for (FeedItem item : parsed.items()) {
        Explanation why = explain ? new Explanation() : null;
        Tags tags = why == null
            ? tagger.tag(item.title(), item.summary(), item.content(), item.published())
            : tagger.tag(item.title(), item.summary(), item.content(), item.published(), why);
        out.println(json.writeValueAsString(line(feed, item, tags, why)));
      }
      out.flush();
    }
    err.flush();
    return failed ? 1 : 0;
  }

  static Map<String, Object> line(String feed, FeedItem item, Tags tags, Explanation why) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("feed", feed);
    m.put("id", item.id());
    m.put("link", item.link());
    m.put("title", item.title());
    m.put("published", item.published().toString());
    m.put("vendors", tags.vendors());
    m.put("chips", tags.chips());
    m.put("countries", tags.countries());
    m.put("events", tags.events().stream().map(e -> event(e, why != null)).toList());
    m.put("marketCaps", tags.marketCaps().stream()
        .map(c -> Map.of("vendor", c.vendor(), "usd", c.usd())).toList());
    if (why != null) {
      m.put("rejected", why.rejected().stream().map(TagCommand::rejected).toList());
    }
    return m;
  }

  private static Map<String, Object> rejected(Explanation.Rejected r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", r.type().name());
    m.put("rule", r.rule());
    m.put("reason", r.reason());
    m.put("sentence", r.text());
    return m;
  }

  private static Map<String, Object> event(PolicyAction a, boolean explain) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", a.type().name());
    m.put("items", a.items());
    m.put("destination", a.destination());
    m.put("evidence", a.evidence());
    m.put("confidence", a.confidence());
    if (a.effective() != null) {
      m.put("effective", a.effective().toString());
    }
    if (explain) {
      m.put("rules", a.rules());
      m.put("cues", a.cues());
    }
    return m;
  }
}
