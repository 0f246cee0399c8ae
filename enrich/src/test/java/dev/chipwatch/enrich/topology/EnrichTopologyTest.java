package dev.chipwatch.enrich.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.enrich.tagging.Tagger;
import dev.chipwatch.enrich.tagging.Taxonomy;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.Article;
import dev.chipwatch.schemas.avro.Direction;
import dev.chipwatch.schemas.avro.ExportStatus;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import dev.chipwatch.schemas.avro.MarketCap;
import dev.chipwatch.schemas.avro.MarketQuote;
import dev.chipwatch.schemas.avro.TaggedArticle;
import dev.chipwatch.schemas.avro.ThresholdCrossing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnrichTopologyTest {
  private static final Tagger TAGGER = new Tagger(Taxonomy.load());
  private static final Instant APRIL = Instant.parse("2025-04-15T22:30:00Z");
  private static final Instant JULY = Instant.parse("2025-07-15T04:10:00Z");
  private static final String BAN = "Nvidia said the US government has told it that exports of its H20 chips to China "
      + "now require a licence for the indefinite future, and it does not expect licences to be granted.";
  private static final String ALLOW = "Nvidia said the US government has assured it that licences will be granted "
      + "for sales of its H20 chip to China.";

  private final Topics topics = Topics.withDefaultPrefix();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, Article> articles;
  private TestInputTopic<String, MarketQuote> quotes;
  private TestOutputTopic<String, TaggedArticle> tagged;
  private TestOutputTopic<String, ExportStatusChange> changes;
  private TestOutputTopic<String, ExportStatus> statuses;
  private TestOutputTopic<String, MarketCap> caps;
  private TestOutputTopic<String, ThresholdCrossing> crossings;

  private void start(EnrichSettings settings) {
    start(settings, Instant.now());
  }

  private void start(EnrichSettings settings, Instant wallClock) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
    driver = new TopologyTestDriver(EnrichTopology.build(settings, TAGGER, registry, Clock.systemUTC()), props, wallClock);
    articles = driver.createInputTopic(topics.name(Topic.ARTICLES_RAW), Topics.keySerde().serializer(),
        Topics.valueSerde(Article.class).serializer());
    quotes = driver.createInputTopic(topics.name(Topic.MARKET_QUOTES), Topics.keySerde().serializer(),
        Topics.valueSerde(MarketQuote.class).serializer());
    tagged = output(Topic.ARTICLES_TAGGED, TaggedArticle.class);
    changes = output(Topic.EXPORT_STATUS_CHANGES, ExportStatusChange.class);
    statuses = output(Topic.EXPORT_STATUS, ExportStatus.class);
    caps = output(Topic.MARKET_CAP, MarketCap.class);
    crossings = output(Topic.MARKET_CAP_CROSSINGS, ThresholdCrossing.class);
  }

  private <T extends org.apache.avro.specific.SpecificRecord> TestOutputTopic<String, T> output(Topic t, Class<T> type) {
    return driver.createOutputTopic(topics.name(t), Topics.keySerde().deserializer(), Topics.valueSerde(type).deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void tagsEachArticleOnce() {
    start(EnrichSettings.defaults(topics));
    Article a = article("a1", "feed-1", "Nvidia to resume H20 sales", ALLOW, JULY);
    articles.pipeInput(a.getId(), a);
    articles.pipeInput(a.getId(), a);
    List<TaggedArticle> out = tagged.readValuesToList();
    assertEquals(1, out.size());
    assertEquals(List.of("nvidia"), out.get(0).getVendors());
    assertEquals(List.of("nvidia-h20"), out.get(0).getChips());
    assertEquals(1.0, registry.counter("chipwatch.articles.duplicates").count());
  }

  @Test
  void statusChangesFollowPublicationOrderWhenArticlesArriveTogetherOutOfOrder() {
    start(EnrichSettings.defaults(topics));
    pipe(article("july", "feed-1", "H20 sales resume", ALLOW, JULY));
    pipe(article("april", "feed-1", "US blocks H20 exports", BAN, APRIL));
    settle();
    var out = changes.readKeyValuesToList();
    assertEquals(2, out.size());
    assertEquals("nvidia-h20|CN", out.get(0).key);
    assertEquals(ExportStatusValue.UNKNOWN, out.get(0).value.getFrom());
    assertEquals(ExportStatusValue.BANNED, out.get(0).value.getTo());
    assertEquals(ExportStatusValue.BANNED, out.get(1).value.getFrom());
    assertEquals(ExportStatusValue.ALLOWED, out.get(1).value.getTo());
    List<ExportStatus> table = statuses.readValuesToList();
    assertEquals(ExportStatusValue.ALLOWED, table.get(table.size() - 1).getStatus());
  }

  @Test
  void aPairThatNeverGoesQuietIsStillAppliedAfterTheLongestHold() {
    start(EnrichSettings.defaults(topics));
    Duration step = Duration.ofMillis(400);
    long steps = PublicationOrderProcessor.MAX_HOLD.toMillis() / step.toMillis();
    for (int i = 0; i < steps - 1; i++) {
      pipe(article("ban-" + i, "feed-" + i, "US blocks H20 exports", BAN, APRIL.plus(Duration.ofMinutes(i))));
      driver.advanceWallClockTime(step);
    }
    assertTrue(changes.isEmpty(), "held while reports keep arriving, within the longest hold");
    for (long i = steps - 1; i < steps + 3; i++) {
      pipe(article("ban-" + i, "feed-" + i, "US blocks H20 exports", BAN, APRIL.plus(Duration.ofMinutes(i))));
      driver.advanceWallClockTime(step);
    }
    var out = changes.readValuesToList();
    assertEquals(1, out.size(), "applied once the first report was held for the longest hold, though reports still arrive");
    assertEquals(ExportStatusValue.BANNED, out.get(0).getTo());
  }

  @Test
  void anOlderArticleArrivingLateNeverOverwritesANewerStatus() {
    start(EnrichSettings.defaults(topics));
    pipe(article("july", "feed-1", "H20 sales resume", ALLOW, JULY));
    settle();
    assertEquals(1, changes.readValuesToList().size());
    pipe(article("april", "feed-2", "US blocks H20 exports", BAN, APRIL));
    settle();
    assertTrue(changes.isEmpty(), "a late April ban must not flip July's status");
    assertEquals(1.0, registry.counter("chipwatch.export.status.stale").count());
  }

  @Test
  void statusFollowsWhenEventsTakeEffectNotWhenTheyWerePublished() {
    start(EnrichSettings.defaults(topics));
    pipe(article("july", "feed-1", "H20 sales resume", ALLOW, JULY));
    settle();
    assertEquals(1, changes.readValuesToList().size());
    // published after July 15's allowance, but dated July 14: it took effect before, so it changes nothing
    pipe(article("dated", "feed-2", "H20 licence rule", "The Commerce Department on July 14 told Nvidia that exports of "
        + "its H20 chips to China now require a licence, and Nvidia does not expect licences to be granted.",
        Instant.parse("2025-07-20T12:00:00Z")));
    settle();
    assertTrue(changes.isEmpty(), "an event dated before the current status never overrides it");
    assertEquals(1.0, registry.counter("chipwatch.export.status.stale").count());
  }

  @Test
  void aChangeAnnouncedForALaterDateIsPendingUntilThen() {
    Instant published = Instant.parse("2025-07-20T12:00:00Z");
    start(EnrichSettings.defaults(topics), published);
    pipe(article("rule", "feed-1", "H20 licence rule", "Nvidia said the US government has told it that exports of its H20 "
        + "chips to China will require a licence from August 15, and it does not expect licences to be granted.", published));
    settle();
    assertTrue(changes.isEmpty(), "not in force before August 15");
    ExportStatus row = statuses.readValuesToList().get(0);
    assertEquals(ExportStatusValue.UNKNOWN, row.getStatus());
    assertEquals(ExportStatusValue.BANNED, row.getScheduled().getStatus());
    assertEquals(Instant.parse("2025-08-15T00:00:00Z"), row.getScheduled().getAt());

    driver.advanceWallClockTime(Duration.ofDays(27));
    var out = changes.readValuesToList();
    assertEquals(1, out.size());
    assertEquals(ExportStatusValue.BANNED, out.get(0).getTo());
    assertEquals(Instant.parse("2025-08-15T00:00:00Z"), out.get(0).getAt(), "the change is dated when it took effect");
    List<ExportStatus> table = statuses.readValuesToList();
    assertEquals(ExportStatusValue.BANNED, table.get(table.size() - 1).getStatus());
    assertEquals(null, table.get(table.size() - 1).getScheduled(), "no longer pending");
  }

  @Test
  void repeatingTheSameStatusIsNoChange() {
    start(EnrichSettings.defaults(topics));
    pipe(article("july", "feed-1", "H20 sales resume", ALLOW, JULY));
    settle();
    pipe(article("august", "feed-1", "H20 licences arrive", ALLOW, JULY.plus(Duration.ofDays(30))));
    settle();
    assertEquals(1, changes.readValuesToList().size());
  }

  @Test
  void corroborationWaitsForASecondIndependentSourceUnlessOfficial() {
    start(new EnrichSettings(topics, Map.of(), 0.02, 2, Duration.ofDays(30)));
    pipe(article("a", "feed-1", "H20 sales resume", ALLOW, JULY));
    settle();
    assertTrue(changes.isEmpty(), "one source is not enough");
    pipe(article("b", "feed-1", "H20 sales resume, again", ALLOW, JULY.plusSeconds(60)));
    settle();
    assertTrue(changes.isEmpty(), "the same feed twice is not independent");
    pipe(article("c", "feed-2", "H20 to return to China", ALLOW, JULY.plusSeconds(120)));
    settle();
    assertEquals(1, changes.readValuesToList().size());

    Article official = article("d", "bis", "H20 exports banned", BAN, JULY.plus(Duration.ofDays(60)));
    official.setOfficial(true);
    pipe(official);
    settle();
    assertEquals(ExportStatusValue.BANNED, changes.readValuesToList().get(0).getTo());
  }

  @Test
  void quotesCrossThresholdsOnceWithHysteresis() {
    start(EnrichSettings.defaults(topics));
    for (double v : new double[] {3.89e12, 4.02e12, 3.97e12, 4.05e12, 3.90e12}) {
      quote("nvidia", v);
    }
    settle();
    List<ThresholdCrossing> out = crossings.readValuesToList();
    assertEquals(2, out.size(), out.toString());
    assertEquals(Direction.UP, out.get(0).getDirection());
    assertEquals(4e12, out.get(0).getThresholdUsd());
    assertEquals(Direction.DOWN, out.get(1).getDirection());
    List<MarketCap> values = caps.readValuesToList();
    assertEquals(3.90e12, values.get(values.size() - 1).getUsd());
  }

  @Test
  void anArticleMentionYieldsToAFreshQuote() {
    start(EnrichSettings.defaults(topics));
    quote("nvidia", 3.89e12);
    settle();
    pipe(article("m", "feed-1", "Nvidia is worth $4.2 trillion",
        "Nvidia's market value rose above $4.2 trillion on Wednesday.", lastQuoteAt.plus(Duration.ofHours(2))));
    settle();
    assertTrue(crossings.isEmpty(), "a mention hours after a quote does not move the table");
    pipe(article("n", "feed-1", "Nvidia is worth $4.2 trillion",
        "Nvidia's market value rose above $4.2 trillion on Wednesday.", lastQuoteAt.plus(Duration.ofDays(3))));
    settle();
    assertEquals(1, crossings.readValuesToList().size());
  }

  @Test
  void aPoisonRecordIsSkippedAndProcessingGoesOn() {
    start(EnrichSettings.defaults(topics));
    TestInputTopic<String, byte[]> raw = driver.createInputTopic(topics.name(Topic.ARTICLES_RAW),
        Serdes.String().serializer(), Serdes.ByteArray().serializer());
    raw.pipeInput("junk", new byte[] {0x42, 0x42, 0x42});
    Article a = article("a1", "feed-1", "Nvidia to resume H20 sales", ALLOW, JULY);
    articles.pipeInput(a.getId(), a);
    assertEquals(1, tagged.readValuesToList().size());
  }

  private Instant lastQuoteAt = Instant.parse("2025-07-07T20:00:00Z");

  private void quote(String vendor, double usd) {
    lastQuoteAt = lastQuoteAt.plus(Duration.ofDays(1));
    quotes.pipeInput(vendor, MarketQuote.newBuilder().setVendor(vendor).setTicker("NVDA").setMarketCapUsd(usd)
        .setAt(lastQuoteAt).setSource("test").build());
  }

  private void pipe(Article a) {
    articles.pipeInput(a.getId(), a);
  }

  /** Past the publication-order pause, so buffered events are applied. */
  private void settle() {
    driver.advanceWallClockTime(PublicationOrderProcessor.QUIET.multipliedBy(2));
  }

  private static Article article(String id, String feed, String title, String text, Instant published) {
    return Article.newBuilder().setId(id).setFeedId(feed).setLink("https://example.com/" + id).setTitle(title)
        .setSummary(text).setPublished(published).setFetchedAt(published).build();
  }
}
