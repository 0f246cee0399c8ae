package dev.chipwatch.enrich.topology;

import dev.chipwatch.enrich.status.Corroboration;
import dev.chipwatch.enrich.tagging.Tagger;
import dev.chipwatch.enrich.tagging.Tags;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.Article;
import dev.chipwatch.schemas.avro.ExportStatus;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import dev.chipwatch.schemas.avro.MarketCap;
import dev.chipwatch.schemas.avro.MarketQuote;
import dev.chipwatch.schemas.avro.PendingStatus;
import dev.chipwatch.schemas.avro.StatusEvent;
import dev.chipwatch.schemas.avro.TaggedArticle;
import dev.chipwatch.schemas.avro.ThresholdCrossing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich topology: articles.raw → dedup → tag → articles.tagged; export events → status table
 * → export-status + export-status.changes; quotes and article mentions → market-cap table →
 * market-cap + market-cap.crossings.
 */
public final class EnrichTopology {
  static final String STATUS_EVENT_ORDER = "export-events-in-order";
  static final String MARKET_VALUE_ORDER = "market-values-in-order";

  private EnrichTopology() {}

  public static Topology build(EnrichSettings settings, Tagger tagger, MeterRegistry registry, Clock clock) {
    Topics topics = settings.topics();
    Serde<String> keys = Topics.keySerde();
    StreamsBuilder builder = new StreamsBuilder();
    EnrichMetrics metrics = new EnrichMetrics(registry);

    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ArticleDedupProcessor.STORE), keys, Serdes.Long()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ExportStatusProcessor.STATUS_STORE), keys, Topics.valueSerde(ExportStatus.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ExportStatusProcessor.PENDING_STORE), keys, Topics.valueSerde(PendingStatus.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ExportStatusProcessor.SCHEDULED_STORE), keys, Topics.valueSerde(StatusEvent.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(STATUS_EVENT_ORDER), keys, Topics.valueSerde(StatusEvent.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(MARKET_VALUE_ORDER), keys, Topics.valueSerde(MarketQuote.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(MarketCapProcessor.STORE), keys, Topics.valueSerde(MarketCap.class)));

    Counter duplicates = metrics.duplicates();
    KStream<String, TaggedArticle> tagged = builder
        .stream(topics.name(Topic.ARTICLES_RAW),
            Consumed.with(keys, Topics.valueSerde(Article.class)).withName("articles-raw-source"))
        .process(() -> new ArticleDedupProcessor(settings.dedupRetention(), duplicates),
            Named.as("dedup-articles"), ArticleDedupProcessor.STORE)
        .mapValues(article -> {
          // the publication date tells the tagger an action recalled from before it is background
          Tags tags = tagger.tag(article.getTitle(), article.getSummary(), article.getContent(),
              article.getPublished());
          TaggedArticle out = TaggedArticles.of(article, tags, clock.instant());
          metrics.tagged(out);
          return out;
        }, Named.as("tag-articles"));
    tagged.to(topics.name(Topic.ARTICLES_TAGGED),
        Produced.with(keys, Topics.valueSerde(TaggedArticle.class)).withName("articles-tagged-sink"));

    Counter stale = metrics.staleStatusEvents();
    Corroboration corroboration = new Corroboration(settings.corroborationSources());
    KStream<String, StatusUpdate> statusUpdates = tagged
        .flatMap((id, article) -> TaggedArticles.statusEvents(article), Named.as("export-events"))
        .repartition(Repartitioned.with(keys, Topics.valueSerde(StatusEvent.class)).withName("export-events-by-pair"))
        .process(() -> new PublicationOrderProcessor<StatusEvent>(STATUS_EVENT_ORDER, TaggedArticles::effectiveTime,
            e -> (e.getLink() == null ? "" : e.getLink()) + e.getArticleId()),
            Named.as("order-export-events"), STATUS_EVENT_ORDER)
        .process(() -> new ExportStatusProcessor(corroboration, stale), Named.as("apply-export-status"),
            ExportStatusProcessor.STATUS_STORE, ExportStatusProcessor.PENDING_STORE, ExportStatusProcessor.SCHEDULED_STORE);
    statusUpdates
        .filter((key, update) -> update.change() != null, Named.as("status-changes-only"))
        .mapValues(StatusUpdate::change, Named.as("status-change"))
        .peek((key, change) -> metrics.statusChange(change), Named.as("count-status-changes"))
        .to(topics.name(Topic.EXPORT_STATUS_CHANGES),
            Produced.with(keys, Topics.valueSerde(ExportStatusChange.class)).withName("export-status-changes-sink"));
    statusUpdates
        .mapValues(StatusUpdate::status, Named.as("status-row"))
        .to(topics.name(Topic.EXPORT_STATUS),
            Produced.with(keys, Topics.valueSerde(ExportStatus.class)).withName("export-status-sink"));

    Serde<MarketQuote> quotes = Topics.valueSerde(MarketQuote.class);
    KStream<String, MarketQuote> mentioned = tagged
        .flatMap((id, article) -> TaggedArticles.marketMentions(article), Named.as("market-cap-mentions"))
        .repartition(Repartitioned.with(keys, quotes)
            .withName("market-cap-mentions-by-vendor")
            .withNumberOfPartitions(Topic.MARKET_QUOTES.partitions()));
    KStream<String, MarketCapUpdate> updates = builder
        .stream(topics.name(Topic.MARKET_QUOTES), Consumed.with(keys, quotes).withName("market-quotes-source"))
        .merge(mentioned, Named.as("quotes-and-mentions"))
        .process(() -> new PublicationOrderProcessor<MarketQuote>(MARKET_VALUE_ORDER, MarketQuote::getAt,
            MarketQuote::getSource), Named.as("order-market-values"), MARKET_VALUE_ORDER)
        .process(() -> new MarketCapProcessor(settings), Named.as("apply-market-cap"), MarketCapProcessor.STORE);
    updates
        .mapValues(MarketCapUpdate::value, Named.as("market-cap-value"))
        .peek((vendor, cap) -> metrics.marketCap(vendor, cap.getUsd()), Named.as("gauge-market-cap"))
        .to(topics.name(Topic.MARKET_CAP), Produced.with(keys, Topics.valueSerde(MarketCap.class)).withName("market-cap-sink"));
    updates
        .flatMapValues(MarketCapUpdate::crossings, Named.as("market-cap-crossings"))
        .peek((vendor, crossing) -> metrics.crossing(crossing), Named.as("count-crossings"))
        .to(topics.name(Topic.MARKET_CAP_CROSSINGS),
            Produced.with(keys, Topics.valueSerde(ThresholdCrossing.class)).withName("market-cap-crossings-sink"));

    return builder.build();
  }
}
