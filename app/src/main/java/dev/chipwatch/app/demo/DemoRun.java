package dev.chipwatch.app.demo;

import dev.chipwatch.app.config.ChipwatchConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The user's configuration with the demo's feeds, quote script and quick polling added. */
public final class DemoRun {
  static final String QUOTES_RESOURCE = "classpath:demo/quotes.csv";

  private DemoRun() {}

  public static ChipwatchConfig config(ChipwatchConfig c, DemoFeedServer server) {
    ChipwatchConfig.Ingest in = c.ingest();
    List<ChipwatchConfig.FeedSeed> feeds = new ArrayList<>(in.feeds());
    for (String feed : DemoFeedServer.FEEDS) {
      feeds.add(new ChipwatchConfig.FeedSeed("demo-" + feed.replace(".xml", ""), server.url(feed), 30, false));
    }
    List<String> allowed = new ArrayList<>(in.allowedHosts());
    allowed.add("127.0.0.1");
    List<Map<String, Object>> quotes = new ArrayList<>(in.quotes());
    quotes.add(Map.of("type", "scripted", "source", QUOTES_RESOURCE));
    ChipwatchConfig.Ingest ingest = new ChipwatchConfig.Ingest(feeds, in.defaultIntervalSeconds(),
        Math.min(in.minIntervalSeconds(), 5), in.maxIntervalSeconds(), in.fetchTimeoutSeconds(), in.maxBodyBytes(),
        in.allowPrivateNetworks(), allowed, quotes, 1, in.fetchThreads(), in.perHostConcurrency(), in.maxSlowdown(), in.websub());
    return new ChipwatchConfig(c.dataDir(), c.kafka(), c.metrics(), ingest, c.enrich(), c.alerts());
  }
}
