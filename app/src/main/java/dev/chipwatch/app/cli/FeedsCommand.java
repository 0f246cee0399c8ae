package dev.chipwatch.app.cli;

import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.runtime.FeedCatalog;
import dev.chipwatch.app.runtime.KafkaProperties;
import dev.chipwatch.app.runtime.Seeder;
import dev.chipwatch.app.runtime.TopicProvisioner;
import dev.chipwatch.ingest.feed.FeedException;
import dev.chipwatch.ingest.feed.FeedFetcher;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.avro.FeedSource;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "feeds", mixinStandardHelpOptions = true,
    description = "Add, remove and list the feeds ingest polls (the compacted feeds topic), while Chipwatch runs.",
    subcommands = {FeedsCommand.Add.class, FeedsCommand.Remove.class, FeedsCommand.ListFeeds.class})
final class FeedsCommand implements Runnable {
  /** Feed ids become metric labels and Kafka keys: short and plain. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a subcommand: add, rm or list");
  }

  /** What every subcommand needs: the loaded configuration, a connection, the topic names. */
  private record Context(ChipwatchConfig config, KafkaProperties kafka, Topics topics, FeedCatalog catalog) {
    static Context open(ConfigOptions options, CommandSpec spec) {
      return connect(options.load(), spec);
    }

    static Context connect(ChipwatchConfig config, CommandSpec spec) {
      KafkaProperties kafka;
      try {
        kafka = ClusterConnection.of(config);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      Topics topics = new Topics(config.kafka().topicPrefix());
      // a fresh cluster has no topics yet; creating them here lets feeds be registered before the first run
      TopicProvisioner.ensureTopics(kafka.admin(), topics, (short) config.kafka().replicationFactor());
      return new Context(config, kafka, topics, new FeedCatalog(kafka, topics));
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Register a feed (or change the one with the same id); running ingest instances pick it up within seconds.")
  static final class Add implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "The feed's http or https URL")
    String url;

    @Option(names = "--id", paramLabel = "ID", description = "Feed id (letters, digits, '.', '_', '-'); default derived from the URL")
    String id;

    @Option(names = "--interval", paramLabel = "DURATION",
        description = "How often to poll at first, e.g. 90s, 15m, 2h (default ingest.defaultIntervalSeconds); "
            + "ingest adapts it to how often the feed changes, within ingest.minIntervalSeconds..maxIntervalSeconds")
    String interval;

    @Option(names = "--official", description = "The feed is an official source (a government notice suffices alone)")
    boolean official;

    @Override
    public Integer call() {
      URI uri = checkedUrl(url);
      String feedId = id == null ? Seeder.feedId(uri.toString()) : id;
      if (!ID.matcher(feedId).matches()) {
        throw new ParameterException(spec.commandLine(),
            "--id: expected 1-100 letters, digits, '.', '_' or '-' (starting with a letter or digit), got '" + feedId + "'");
      }
      Duration every;
      ChipwatchConfig config = options.load();
      ChipwatchConfig.Ingest in = config.ingest();
      try {
        every = interval == null ? Duration.ofSeconds(in.defaultIntervalSeconds()) : DurationText.parse(interval);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--interval: " + e.getMessage());
      }
      if (every.toSeconds() > Integer.MAX_VALUE) {
        throw new ParameterException(spec.commandLine(), "--interval: too long");
      }
      Context ctx = Context.connect(config, spec);
      Map<String, FeedSource> feeds = ctx.catalog().feeds();
      for (FeedSource other : feeds.values()) {
        if (other.getUrl().equals(uri.toString()) && !other.getId().equals(feedId)) {
          throw new ParameterException(spec.commandLine(),
              "this URL is already registered as feed '" + other.getId() + "' (chipwatch feeds rm " + other.getId() + " first)");
        }
      }
      FeedSource previous = feeds.get(feedId);
      FeedSource feed = FeedSource.newBuilder()
          .setId(feedId)
          .setUrl(uri.toString())
          .setIntervalSeconds((int) every.toSeconds())
          .setOfficial(official)
          .setAddedAt(previous == null ? Clock.systemUTC().instant() : previous.getAddedAt())
          .build();
      ctx.catalog().put(feed);
      PrintWriter out = spec.commandLine().getOut();
      out.println((previous == null ? "added" : "updated") + " feed " + feedId + ": " + uri + ", every "
          + DurationText.format(every) + (official ? ", official" : ""));
      if (every.toSeconds() < in.minIntervalSeconds() || every.toSeconds() > in.maxIntervalSeconds()) {
        spec.commandLine().getErr().println("note: polled within ingest.minIntervalSeconds (" + in.minIntervalSeconds()
            + ") and ingest.maxIntervalSeconds (" + in.maxIntervalSeconds() + ")");
      }
      out.flush();
      return 0;
    }

    private URI checkedUrl(String text) {
      try {
        return FeedFetcher.checkUrl(new URI(text.strip()));
      } catch (java.net.URISyntaxException e) {
        throw new ParameterException(spec.commandLine(), "URL: not a valid URL (" + e.getReason() + ")");
      } catch (FeedException e) {
        throw new ParameterException(spec.commandLine(), "URL: " + e.getMessage());
      }
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true,
      description = "Remove a feed; ingest stops polling it within seconds. Its cursor stays, so re-adding it sends nothing twice.")
  static final class Remove implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The feed's id, as `chipwatch feeds list` shows it")
    String id;

    @Override
    public Integer call() {
      Context ctx = Context.open(options, spec);
      if (!ctx.catalog().feeds().containsKey(id)) {
        spec.commandLine().getErr().println("chipwatch feeds rm: no feed with id '" + id + "'");
        return 1;
      }
      ctx.catalog().remove(id);
      spec.commandLine().getOut().println("removed feed " + id);
      boolean seeded = ctx.config().ingest().feeds().stream().anyMatch(f -> id.equals(f.id())
          || ((f.id() == null || f.id().isBlank()) && id.equals(Seeder.feedId(f.url()))));
      if (seeded) {
        spec.commandLine().getErr().println("note: it is also in the configuration (ingest.feeds) and is registered "
            + "again when ingest next starts; remove it there too");
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the registered feeds with when each last had a new item and its latest error.")
  static final class ListFeeds implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Context ctx = Context.open(options, spec);
      PrintWriter out = spec.commandLine().getOut();
      java.util.List<FeedCatalog.Entry> entries = ctx.catalog().list();
      if (entries.isEmpty()) {
        out.println("no feeds registered (chipwatch feeds add URL)");
        out.flush();
        return 0;
      }
      Instant now = Clock.systemUTC().instant();
      int idWidth = Math.max(2, entries.stream().mapToInt(e -> e.feed().getId().length()).max().orElse(2));
      String row = "%-" + idWidth + "s  %-6s  %-8s  %-40s  %s%n";
      out.printf(row, "ID", "EVERY", "OFFICIAL", "STATUS", "URL");
      for (FeedCatalog.Entry e : entries) {
        FeedSource f = e.feed();
        out.printf(row, f.getId(), DurationText.format(Duration.ofSeconds(f.getIntervalSeconds())),
            f.getOfficial() ? "yes" : "no", FeedStatusText.of(e, now), f.getUrl());
      }
      out.flush();
      return 0;
    }
  }
}
