package dev.chipwatch.app.runtime;

import dev.chipwatch.alerts.rules.RuleEvaluator;
import dev.chipwatch.alerts.rules.StatusInheritance;
import dev.chipwatch.alerts.topology.AlertsTopology;
import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.enrich.tagging.Tagger;
import dev.chipwatch.enrich.tagging.Taxonomy;
import dev.chipwatch.enrich.tagging.TriggerLexicon;
import dev.chipwatch.enrich.topology.EnrichSettings;
import dev.chipwatch.enrich.topology.EnrichTopology;
import dev.chipwatch.ingest.feed.FeedItem;
import dev.chipwatch.ingest.kafka.Articles;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.Article;
import dev.chipwatch.schemas.avro.ExportStatus;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import dev.chipwatch.schemas.avro.TaggedArticle;
import dev.chipwatch.schemas.avro.ThresholdCrossing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Runs feed items through the real enrich topology without a broker (Kafka Streams' test driver),
 * in publication order, with the driver's wall clock following the articles' dates, so that a
 * change an article schedules for a later date is applied when the replay reaches that date (and,
 * at the end, if that date has passed in reality): what `chipwatch replay` uses. For backtests ({@link #alerts}) whatever
 * enrich emits goes on through the real alerts topology, in a second driver, with the rules given.
 * The one place that runs topologies offline.
 */
public final class TopologyReplay implements AutoCloseable {
  /** An item and the feed it came from. */
  public record Input(String feed, FeedItem item) {}

  private static final Comparator<Input> PUBLICATION_ORDER = Comparator
      .comparing((Input i) -> i.item().published())
      .thenComparing(i -> i.item().link() == null ? "" : i.item().link());

  /** Longer than the topology's publication-order pause, so each item is applied before the next. */
  private static final java.time.Duration ORDERING_PAUSE = java.time.Duration.ofSeconds(2);

  private final Path stateDir;
  private final EnrichSettings settings;
  private final TriggerLexicon lexicon;
  private final Clock clock;
  private TopologyTestDriver driver;
  /** The driver's wall clock, which it does not tell. */
  private Instant wallClock;
  private final Topics topics;
  private final Taxonomy taxonomy;

  public TopologyReplay(ChipwatchConfig config) {
    EnrichSettings settings = ConfiguredParts.enrichSettings(config);
    this.topics = settings.topics();
    try {
      this.stateDir = Files.createTempDirectory("chipwatch-replay");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.taxonomy = ConfiguredParts.taxonomy(config);
    this.settings = settings;
    this.lexicon = ConfiguredParts.triggerLexicon(config);
    this.clock = Clock.systemUTC();
  }

  /** The enrich driver, its wall clock set just before the first item's date. */
  private TopologyTestDriver start(List<Input> items) {
    if (driver != null) {
      throw new IllegalStateException("a replay runs once");
    }
    Instant first = items.stream().map(i -> i.item().published()).min(Comparator.naturalOrder()).orElse(clock.instant());
    wallClock = first.minus(ORDERING_PAUSE);
    driver = new TopologyTestDriver(
        EnrichTopology.build(settings, new Tagger(taxonomy, lexicon), new SimpleMeterRegistry(), clock),
        driverProperties("chipwatch-replay"), wallClock);
    return driver;
  }

  private Properties driverProperties(String applicationId) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    return props;
  }

  /** The export-status changes the items cause, in the order the topology emits them. */
  public List<ExportStatusChange> changes(List<Input> items) {
    start(items);
    TestOutputTopic<String, ExportStatusChange> out = output(driver, Topic.EXPORT_STATUS_CHANGES, ExportStatusChange.class);
    feed(items, () -> {});
    return out.readValuesToList();
  }

  /**
   * Backtest: the alerts {@code rules} would raise on what the items cause (export-status changes,
   * market-cap crossings, tagged articles), in the order they would be raised. Nothing is sent.
   */
  public List<Alert> alerts(List<Input> items, List<AlertRule> rules) {
    start(items);
    RuleEvaluator evaluator = new RuleEvaluator(taxonomy::ancestors, Clock.systemUTC());
    try (TopologyTestDriver alerts = new TopologyTestDriver(
        AlertsTopology.build(topics, evaluator, new StatusInheritance(taxonomy::ancestors, taxonomy::descendants), new SimpleMeterRegistry(), false),
        driverProperties("chipwatch-backtest"))) {
      TestInputTopic<String, AlertRule> ruleTable = input(alerts, Topic.ALERT_RULES, AlertRule.class);
      rules.forEach(r -> ruleTable.pipeInput(r.getId(), r));
      var changes = output(driver, Topic.EXPORT_STATUS_CHANGES, ExportStatusChange.class);
      var crossings = output(driver, Topic.MARKET_CAP_CROSSINGS, ThresholdCrossing.class);
      var tagged = output(driver, Topic.ARTICLES_TAGGED, TaggedArticle.class);
      var statuses = output(driver, Topic.EXPORT_STATUS, ExportStatus.class);
      var statusesIn = input(alerts, Topic.EXPORT_STATUS, ExportStatus.class);
      var changesIn = input(alerts, Topic.EXPORT_STATUS_CHANGES, ExportStatusChange.class);
      var crossingsIn = input(alerts, Topic.MARKET_CAP_CROSSINGS, ThresholdCrossing.class);
      var taggedIn = input(alerts, Topic.ARTICLES_TAGGED, TaggedArticle.class);
      var raised = output(alerts, Topic.ALERTS, Alert.class);
      // after each item, so alerts come out in the order a running pipeline would raise them
      feed(items, () -> {
        tagged.readRecordsToList().forEach(r -> taggedIn.pipeInput(r.key(), r.value(), r.timestamp()));
        statuses.readRecordsToList().forEach(r -> statusesIn.pipeInput(r.key(), r.value(), r.timestamp()));
        changes.readRecordsToList().forEach(r -> changesIn.pipeInput(r.key(), r.value(), r.timestamp()));
        crossings.readRecordsToList().forEach(r -> crossingsIn.pipeInput(r.key(), r.value(), r.timestamp()));
      });
      return raised.readValuesToList();
    }
  }

  private void feed(List<Input> items, Runnable afterEach) {
    TestInputTopic<String, Article> in = input(driver, Topic.ARTICLES_RAW, Article.class);
    items.stream().sorted(PUBLICATION_ORDER).forEach(i -> {
      advanceTo(i.item().published()); // changes scheduled before this article's date come first
      in.pipeInput(i.item().id(), Articles.of(i.item(), i.feed(), false, i.item().published()), i.item().published());
      advanceBy(ORDERING_PAUSE);
      afterEach.run();
    });
    advanceTo(clock.instant()); // and those whose date has passed since
    afterEach.run();
  }

  private void advanceTo(Instant when) {
    if (when.isAfter(wallClock)) {
      advanceBy(java.time.Duration.between(wallClock, when));
    }
  }

  private void advanceBy(java.time.Duration d) {
    wallClock = wallClock.plus(d);
    driver.advanceWallClockTime(d);
  }

  private <T extends SpecificRecord> TestInputTopic<String, T> input(TopologyTestDriver d, Topic topic, Class<T> type) {
    return d.createInputTopic(topics.name(topic), Topics.keySerde().serializer(), Topics.valueSerde(type).serializer());
  }

  private <T extends SpecificRecord> TestOutputTopic<String, T> output(TopologyTestDriver d, Topic topic, Class<T> type) {
    return d.createOutputTopic(topics.name(topic), Topics.keySerde().deserializer(), Topics.valueSerde(type).deserializer());
  }

  @Override
  public void close() {
    if (driver != null) {
      driver.close();
    }
    try (var files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
