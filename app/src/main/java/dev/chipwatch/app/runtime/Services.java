package dev.chipwatch.app.runtime;

import dev.chipwatch.alerts.delivery.DeliveryMetrics;
import dev.chipwatch.alerts.delivery.NotificationLog;
import dev.chipwatch.alerts.delivery.ReceiverDelivery;
import dev.chipwatch.alerts.delivery.SilenceBook;
import dev.chipwatch.alerts.delivery.SilenceFeed;
import dev.chipwatch.alerts.notify.RetryPolicy;
import dev.chipwatch.alerts.rules.DefaultRules;
import dev.chipwatch.alerts.rules.RuleEvaluator;
import dev.chipwatch.alerts.rules.StatusInheritance;
import dev.chipwatch.alerts.topology.AlertsTopology;
import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.enrich.tagging.Tagger;
import dev.chipwatch.enrich.tagging.Taxonomy;
import dev.chipwatch.enrich.topology.EnrichTopology;
import dev.chipwatch.ingest.feed.FeedException;
import dev.chipwatch.ingest.feed.FeedFetcher;
import dev.chipwatch.ingest.feed.FeedParser;
import dev.chipwatch.ingest.feed.FetchSettings;
import dev.chipwatch.ingest.kafka.CursorStore;
import dev.chipwatch.ingest.kafka.FeedPoller;
import dev.chipwatch.ingest.kafka.FeedReader;
import dev.chipwatch.ingest.kafka.FeedRegistry;
import dev.chipwatch.ingest.kafka.IngestMetrics;
import dev.chipwatch.ingest.kafka.IngestSettings;
import dev.chipwatch.ingest.kafka.QuotePoller;
import dev.chipwatch.ingest.quotes.QuoteSource;
import dev.chipwatch.ingest.websub.HubClient;
import dev.chipwatch.ingest.websub.WebSubCallbackServer;
import dev.chipwatch.ingest.websub.WebSubSubscriber;
import dev.chipwatch.ingest.websub.WebSubSubscriptions;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.AlertRule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;

/** Builds and starts the services of each role from the configuration. */
final class Services {
  private static final String INGEST = "ingest";
  private static final String ALERTS = "alerts";
  private final ChipwatchConfig config;
  private final Topics topics;
  private final KafkaProperties kafka;
  private final MeterRegistry registry;
  private final ServiceGroup group;
  private final Clock clock = Clock.systemUTC();

  Services(ChipwatchConfig config, Topics topics, KafkaProperties kafka, MeterRegistry registry, ServiceGroup group) {
    this.config = config;
    this.topics = topics;
    this.kafka = kafka;
    this.registry = registry;
    this.group = group;
  }

  void startIngest() {
    ChipwatchConfig.Ingest in = config.ingest();
    Seeder.seedFeeds(kafka, topics, in, clock);
    FetchSettings fetch = ConfiguredParts.fetchSettings(config);
    String instance = instanceId();
    IngestSettings settings = new IngestSettings(topics, "chipwatch-ingest", "chipwatch-ingest-" + instance,
        Duration.ofSeconds(in.defaultIntervalSeconds()), Duration.ofSeconds(in.minIntervalSeconds()),
        Duration.ofSeconds(in.maxIntervalSeconds()), in.fetchThreads(), in.perHostConcurrency(), in.maxSlowdown());
    var producer = new KafkaProducer<>(kafka.producer("chipwatch-ingest-" + instance, settings.transactionalId()),
        new StringSerializer(), new ByteArraySerializer());
    var feedsProps = kafka.consumer("chipwatch-ingest-feeds-" + instance, settings.groupId());
    // static membership: an instance restarted after a crash takes its feeds back at once instead of
    // waiting for the dead member's session to time out (the transactional id is per host as well)
    feedsProps.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.transactionalId());
    var feedsConsumer = new KafkaConsumer<>(feedsProps, new StringDeserializer(), new ByteArrayDeserializer());
    var cursorConsumer = new KafkaConsumer<>(kafka.consumer("chipwatch-ingest-cursors-" + instance, null),
        new StringDeserializer(), new ByteArrayDeserializer());
    bind(new KafkaClientMetrics(producer, serviceTag(INGEST)));
    bind(new KafkaClientMetrics(feedsConsumer, serviceTag(INGEST)));
    bind(new KafkaClientMetrics(cursorConsumer, serviceTag(INGEST)));
    FeedRegistry feeds = new FeedRegistry(feedsConsumer, topics.name(Topic.FEEDS));
    CursorStore cursors = new CursorStore(cursorConsumer, topics.name(Topic.INGEST_CURSORS));
    FeedFetcher fetcher = new FeedFetcher(fetch);
    FeedReader reader = FeedReader.http(fetcher, new FeedParser(), clock);
    IngestMetrics metrics = new IngestMetrics(registry, clock);
    WebSubSubscriber websub = in.websub().enabled() ? new WebSubSubscriber(new WebSubSubscriptions(
        URI.create(in.websub().callbackUrl()), Duration.ofSeconds(in.websub().leaseSeconds()), clock),
        HubClient.http(fetch), clock) : null;
    FeedPoller poller = new FeedPoller(settings, feeds, cursors, reader, producer, clock, metrics, websub);
    if (websub != null) {
      serveWebSubCallbacks(in.websub(), websub, poller, fetch);
    }
    group.start(new LoopService("ingest-feeds", new LoopService.Loop() {
      @Override
      public void step() throws Exception {
        poller.step();
      }

      @Override
      public void wakeup() {
        feeds.wakeup();
      }

      @Override
      public void close() {
        poller.close();
      }
    }));
    startQuotes(QuoteSources.build(in.quotes(), System.getenv(), fetcher, clock), metrics);
  }

  /** Hubs call back here; pushed content is parsed on the callback thread and handed to the poller. */
  private void serveWebSubCallbacks(ChipwatchConfig.WebSub ws, WebSubSubscriber websub, FeedPoller poller,
      FetchSettings fetch) {
    FeedParser parser = new FeedParser();
    String path = URI.create(ws.callbackUrl()).getPath();
    try {
      group.own(new WebSubCallbackServer(ws.listenHost(), ws.listenPort(), path == null || path.isEmpty() ? "/" : path,
          websub.subscriptions(), (feedId, body, contentType) -> {
            try {
              poller.pushed(feedId, parser.parse(body, contentType, clock.instant()));
            } catch (FeedException e) {
              LoggerFactory.getLogger(Services.class).warn("websub: content pushed for feed {} unreadable: {} {}",
                  feedId, e.reason(), e.getMessage());
            }
          }, fetch.maxBodyBytes()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot serve WebSub callbacks on " + ws.listenHost() + ":"
          + ws.listenPort() + " (set ingest.websub.listenPort): " + e.getMessage(), e);
    }
  }

  private void startQuotes(List<QuoteSource> sources, IngestMetrics metrics) {
    if (sources.isEmpty()) {
      return;
    }
    var producer = new KafkaProducer<>(kafka.producer("chipwatch-quotes", null), new StringSerializer(),
        new ByteArraySerializer());
    bind(new KafkaClientMetrics(producer, serviceTag(INGEST)));
    QuotePoller quotes = new QuotePoller(sources, Duration.ofSeconds(config.ingest().quoteIntervalSeconds()), topics,
        producer, clock, metrics);
    group.start(new LoopService("ingest-quotes", new LoopService.Loop() {
      @Override
      public void step() throws InterruptedException {
        Thread.sleep(Math.min(1000, quotes.step().toMillis()));
      }

      @Override
      public void close() {
        quotes.close();
      }
    }));
  }

  void startEnrich() {
    Taxonomy taxonomy = ConfiguredParts.taxonomy(config);
    var topology = EnrichTopology.build(ConfiguredParts.enrichSettings(config), new Tagger(taxonomy, ConfiguredParts.triggerLexicon(config)), registry, clock);
    group.start(new StreamsService("enrich", topology, kafka.streams("chipwatch-enrich", topics.name(Topic.DLQ)), registry));
  }

  void startAlerts() {
    Taxonomy taxonomy = ConfiguredParts.taxonomy(config);
    List<AlertRule> rules = new ArrayList<>();
    if (config.alerts().defaultRules()) {
      rules.addAll(DefaultRules.get());
    }
    rules.addAll(ConfiguredParts.ruleFile(config));
    Seeder.seedRules(kafka, topics, rules);
    RuleEvaluator evaluator = new RuleEvaluator(taxonomy::ancestors, clock);
    group.start(new StreamsService("alerts",
        AlertsTopology.build(topics, evaluator, new StatusInheritance(taxonomy::ancestors, taxonomy::descendants),
            registry, config.alerts().cloudEventsTopic()),
        alertsStreamsProperties(), registry));
    startDeliveries(Receivers.build(config.alerts().receivers(), System.getenv(), System.out, clock), startSilences());
  }

  /**
   * Under exactly-once a raised alert is visible to the delivery consumers only once the
   * transaction commits: half the commit interval is the alert's mean wait. 50 ms keeps the p99
   * from a change to a receiver's 2xx under 200 ms; idle tasks do not commit, so it costs nothing
   * when quiet.
   */
  private java.util.Properties alertsStreamsProperties() {
    java.util.Properties props = kafka.streams("chipwatch-alerts", topics.name(Topic.DLQ));
    props.put(org.apache.kafka.streams.StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "50");
    return props;
  }

  /** The silences in force, kept current by a loop reading the silences topic from its start. */
  private SilenceBook startSilences() {
    SilenceBook book = new SilenceBook();
    var consumer = new KafkaConsumer<>(kafka.consumer("chipwatch-silences", null),
        new StringDeserializer(), new ByteArrayDeserializer());
    SilenceFeed feed = new SilenceFeed(consumer, topics.name(Topic.SILENCES), book);
    feed.catchUp(Duration.ofSeconds(60));
    group.start(new LoopService("silences", new LoopService.Loop() {
      @Override
      public void step() {
        feed.step();
      }

      @Override
      public void wakeup() {
        feed.wakeup();
      }

      @Override
      public void close() {
        feed.close();
      }
    }));
    return book;
  }

  private void startDeliveries(Map<String, Receivers.Receiver> receivers, SilenceBook silences) {
    var logProducer = new KafkaProducer<>(kafka.producer("chipwatch-notify", null),
        new StringSerializer(), new ByteArraySerializer());
    group.own(() -> logProducer.close(Duration.ofSeconds(10)));
    bind(new KafkaClientMetrics(logProducer, serviceTag(ALERTS)));
    NotificationLog log = new NotificationLog(topics.name(Topic.NOTIFICATIONS_LOG), logProducer);
    try (var reader = new KafkaConsumer<>(kafka.consumer("chipwatch-notify-log", null),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      log.load(reader);
    }
    DeliveryMetrics metrics = new DeliveryMetrics(registry,
        name -> receivers.containsKey(name) ? receivers.get(name).type() : "unknown");
    for (Receivers.Receiver receiver : receivers.values()) {
      metrics.receiver(receiver.name());
      var consumer = new KafkaConsumer<>(kafka.consumer("chipwatch-notify-" + receiver.name(),
          "chipwatch-notify-" + receiver.name()), new StringDeserializer(), new ByteArrayDeserializer());
      bind(new KafkaClientMetrics(consumer, serviceTag(ALERTS)));
      ReceiverDelivery delivery = new ReceiverDelivery(receiver.name(), receiver.notifier(), consumer, logProducer, log,
          silences, topics, clock, deliverySettings(receiver), metrics);
      group.start(new LoopService("notify-" + receiver.name(), new LoopService.Loop() {
        @Override
        public void step() {
          delivery.step();
        }

        @Override
        public void wakeup() {
          delivery.wakeup();
        }

        @Override
        public void close() {
          delivery.close();
        }
      }));
    }
  }

  private ReceiverDelivery.Settings deliverySettings(Receivers.Receiver receiver) {
    ChipwatchConfig.Alerts a = config.alerts();
    ChipwatchConfig.Retry r = a.retry();
    RetryPolicy retry = new RetryPolicy(Duration.ofMillis(r.initialDelayMillis()), Duration.ofMillis(r.maxDelayMillis()),
        2.0, 0.5, r.maxAttempts(), Duration.ofMinutes(r.maxElapsedMinutes()), new Random(), clock);
    Duration window = receiver.groupWindow() != null ? receiver.groupWindow() : Duration.ofMillis(a.groupWindowMillis());
    return new ReceiverDelivery.Settings(window, a.maxDigest(), retry);
  }

  /**
   * Every Kafka client's meters carry the same tag keys as those Kafka Streams binds (service): the
   * binder keeps only the variant with the most tags of a meter name, so untagged clients would lose
   * their meters to the Streams ones in a process that runs several roles.
   */
  private static List<Tag> serviceTag(String service) {
    return List.of(Tag.of("service", service));
  }

  private void bind(KafkaClientMetrics metrics) {
    metrics.bindTo(registry);
    group.own(metrics);
  }

  /** Stable per host, so a restarted instance fences the transactions of its previous run. */
  private static String instanceId() {
    try {
      return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
    } catch (java.net.UnknownHostException e) {
      return UUID.randomUUID().toString();
    }
  }
}
