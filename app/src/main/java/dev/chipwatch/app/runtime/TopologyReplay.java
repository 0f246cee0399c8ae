package dev.chipwatch.app.runtime;

import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.enrich.tagging.Tagger;
import dev.chipwatch.enrich.topology.EnrichSettings;
import dev.chipwatch.enrich.topology.EnrichTopology;
import dev.chipwatch.ingest.feed.FeedItem;
import dev.chipwatch.ingest.kafka.Articles;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.Article;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Runs feed items through the real enrich topology without a broker (Kafka Streams' test driver),
 * in publication order: what `chipwatch replay` and backtests use.
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
  private final TopologyTestDriver driver;
  private final Topics topics;

  public TopologyReplay(ChipwatchConfig config) {
    EnrichSettings settings = ConfiguredParts.enrichSettings(config);
    this.topics = settings.topics();
    try {
      this.stateDir = Files.createTempDirectory("chipwatch-replay");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "chipwatch-replay");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    Tagger tagger = new Tagger(ConfiguredParts.taxonomy(config));
    this.driver = new TopologyTestDriver(
        EnrichTopology.build(settings, tagger, new SimpleMeterRegistry(), Clock.systemUTC()), props);
  }

  /** The export-status changes the items cause, in the order the topology emits them. */
  public List<ExportStatusChange> changes(List<Input> items) {
    TestInputTopic<String, Article> in = driver.createInputTopic(topics.name(Topic.ARTICLES_RAW),
        Topics.keySerde().serializer(), Topics.valueSerde(Article.class).serializer());
    TestOutputTopic<String, ExportStatusChange> out = driver.createOutputTopic(
        topics.name(Topic.EXPORT_STATUS_CHANGES), Topics.keySerde().deserializer(),
        Topics.valueSerde(ExportStatusChange.class).deserializer());
    items.stream().sorted(PUBLICATION_ORDER).forEach(i -> {
      in.pipeInput(i.item().id(), Articles.of(i.item(), i.feed(), false, i.item().published()), i.item().published());
      driver.advanceWallClockTime(ORDERING_PAUSE);
    });
    return out.readValuesToList();
  }

  @Override
  public void close() {
    driver.close();
    try (var files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
