package dev.chipwatch.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.app.broker.EmbeddedKafka;
import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.config.ConfigLoader;
import dev.chipwatch.app.runtime.ChipwatchProcess;
import dev.chipwatch.app.runtime.KafkaProperties;
import dev.chipwatch.app.runtime.Role;
import dev.chipwatch.app.runtime.TopicProvisioner;
import dev.chipwatch.ingest.feed.FeedFetcher;
import dev.chipwatch.ingest.feed.FeedParser;
import dev.chipwatch.ingest.feed.FetchSettings;
import dev.chipwatch.ingest.kafka.CursorStore;
import dev.chipwatch.ingest.kafka.FeedPoller;
import dev.chipwatch.ingest.kafka.FeedReader;
import dev.chipwatch.ingest.kafka.FeedRegistry;
import dev.chipwatch.ingest.kafka.IngestMetrics;
import dev.chipwatch.ingest.kafka.IngestSettings;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.Article;
import dev.chipwatch.schemas.avro.FeedSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest killed at the worst moments, then restarted, on a real in-JVM broker: every item ends up
 * in articles.raw exactly once for a read_committed reader. Each test uses its own topic prefix.
 */
class IngestRestartIT {
  private static final Duration PATIENCE = Duration.ofSeconds(45);

  @TempDir static Path dir;
  private static EmbeddedKafka broker;
  private FeedServer server;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafka.onFreePorts(dir.resolve("kafka"));
    broker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @BeforeEach
  void startServer() throws Exception {
    server = new FeedServer();
  }

  @AfterEach
  void stopAll() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
    server.close();
  }

  /** A separate JVM running `chipwatch ingest`, killed with SIGKILL while it waits for a slow feed. */
  @Test
  void killedDuringASlowFetchAndRestartedWritesEveryItemOnce() throws Exception {
    Topics topics = new Topics("kill.");
    server.serve("/fast.xml", FeedServer.items("fast", 10));
    server.serve("/slow.xml", FeedServer.items("slow", 10));
    server.hold("/slow.xml");
    Path file = dir.resolve("kill.yaml");
    Files.writeString(file, """
        dataDir: %s
        kafka: {bootstrapServers: "%s", topicPrefix: "kill."}
        metrics: {enabled: false}
        ingest:
          allowedHosts: [127.0.0.1]
          minIntervalSeconds: 1
          maxSlowdown: 1
          feeds:
            - {id: fast, url: "%s", intervalSeconds: 1}
            - {id: slow, url: "%s", intervalSeconds: 1}
        """.formatted(dir.resolve("kill-data"), broker.bootstrapServers(), server.url("/fast.xml"),
        server.url("/slow.xml")));
    String articles = topics.name(Topic.ARTICLES_RAW);

    Path log = dir.resolve("killed-ingest.log");
    Process child = startChipwatch(log, "ingest", "--config", file.toString());
    cleanup.add(child::destroyForcibly);
    boolean midFetch = TopicReads.await(Duration.ofSeconds(60), () ->
        server.requests("/slow.xml") >= 1 && TopicReads.committedKeys(broker.bootstrapServers(), articles).size() >= 10);
    assertTrue(midFetch, "the fast feed written and the slow one being fetched; child log:\n" + tail(log));
    child.destroyForcibly();
    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "killed");
    assertEquals(10, TopicReads.committedKeys(broker.bootstrapServers(), articles).size(), "only the fast feed got through");

    server.release("/slow.xml");
    int slowBefore = server.requests("/slow.xml");
    int fastBefore = server.requests("/fast.xml");
    ChipwatchConfig config = new ConfigLoader().load(file, Map.of(), Map.of());
    try (ChipwatchProcess again = ChipwatchProcess.open(config, "chipwatch-it-restart")) {
      again.start(EnumSet.of(Role.INGEST));
      assertTrue(TopicReads.await(PATIENCE, () ->
          TopicReads.committedKeys(broker.bootstrapServers(), articles).size() >= 20), "the slow feed after the restart");
      assertTrue(TopicReads.await(PATIENCE, () ->
          server.requests("/fast.xml") >= fastBefore + 2 && server.requests("/slow.xml") >= slowBefore + 2),
          "both feeds polled again after the restart");
    }
    List<String> keys = TopicReads.committedKeys(broker.bootstrapServers(), articles);
    assertEquals(20, keys.size(), "every item once");
    assertEquals(20, new HashSet<>(keys).size());
  }

  /**
   * An instance dies with a transaction open (articles in the log, not committed). Its successor,
   * with the same transactional id, aborts it and writes the items once; the dead instance, were it
   * to wake up, cannot commit any more.
   */
  @Test
  void aTransactionLeftOpenIsAbortedAndItsItemsWrittenOnce() throws Exception {
    Topics topics = provisioned("opentx.");
    server.serve("/wire.xml", FeedServer.items("wire", 5));
    register(topics, "wire", server.url("/wire.xml"));
    String articles = topics.name(Topic.ARTICLES_RAW);

    StallingProducer stalling = new StallingProducer(kafka().producer("it-stalling", "opentx-ingest"));
    PollerThread dead = new PollerThread(poller(topics, "opentx-a", stalling));
    cleanup.add(dead);
    cleanup.add(stalling.resume::countDown);
    assertTrue(stalling.stalled.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "a transaction was opened and filled");
    assertEquals(5, TopicReads.all(broker.bootstrapServers(), articles, false).size(), "the articles are in the log");
    assertEquals(0, TopicReads.committedKeys(broker.bootstrapServers(), articles).size(), "but not committed");

    PollerThread successor = new PollerThread(poller(topics, "opentx-b",
        new KafkaProducer<>(kafka().producer("it-successor", "opentx-ingest"), new StringSerializer(),
            new ByteArraySerializer())));
    cleanup.add(successor);
    assertTrue(TopicReads.await(PATIENCE, () -> TopicReads.committedKeys(broker.bootstrapServers(), articles).size() >= 5),
        "the successor wrote the items");

    dead.stop = true;
    stalling.resume.countDown(); // the zombie wakes up and tries to commit
    dead.thread.join(Duration.ofSeconds(30).toMillis());
    assertFalse(dead.thread.isAlive());
    Thread.sleep(1500);
    List<String> keys = TopicReads.committedKeys(broker.bootstrapServers(), articles);
    assertEquals(5, keys.size(), "each item once: " + keys);
    assertEquals(5, new HashSet<>(keys).size());
    assertEquals(10, TopicReads.all(broker.bootstrapServers(), articles, false).size(),
        "the aborted transaction's five records are still in the log, invisible to read_committed readers");
    assertNull(successor.failure.get());
  }

  /** Polling an unchanged feed writes nothing; an edited title is the same article, not re-emitted. */
  @Test
  void unchangedFeedWritesNothingAndAnEditedItemIsNotANewArticle() throws Exception {
    Topics topics = provisioned("edit.");
    List<FeedServer.Item> items = new ArrayList<>(FeedServer.items("edit", 3));
    server.serve("/edit.xml", items); // no ETag, no Last-Modified: every poll downloads and parses it all
    register(topics, "edit", server.url("/edit.xml"));
    String articles = topics.name(Topic.ARTICLES_RAW);
    String cursors = topics.name(Topic.INGEST_CURSORS);
    PollerThread ingest = new PollerThread(poller(topics, "edit-ingest",
        new KafkaProducer<>(kafka().producer("it-edit", "edit-ingest"), new StringSerializer(), new ByteArraySerializer())));
    cleanup.add(ingest);
    assertTrue(TopicReads.await(PATIENCE, () -> TopicReads.committedKeys(broker.bootstrapServers(), articles).size() >= 3));
    int cursorRecords = TopicReads.all(broker.bootstrapServers(), cursors, false).size();

    int polled = server.requests("/edit.xml");
    assertTrue(TopicReads.await(PATIENCE, () -> server.requests("/edit.xml") >= polled + 3), "re-polled");
    assertEquals(3, TopicReads.committedKeys(broker.bootstrapServers(), articles).size(), "no record for an unchanged feed");
    assertEquals(cursorRecords, TopicReads.all(broker.bootstrapServers(), cursors, false).size(),
        "not even a cursor record: nothing at all is written");

    FeedServer.Item second = items.get(1);
    items.set(1, new FeedServer.Item(second.link(), "edit story 2 (updated: figures corrected)", second.pubDate()));
    server.serve("/edit.xml", items);
    int beforeEdit = server.requests("/edit.xml");
    assertTrue(TopicReads.await(PATIENCE, () -> server.requests("/edit.xml") >= beforeEdit + 3), "re-polled after the edit");
    assertEquals(3, TopicReads.committedKeys(broker.bootstrapServers(), articles).size(), "the edit is not a new article");

    items.add(0, new FeedServer.Item("https://restart.example/edit/4", "edit story 4", "Fri, 27 Jun 2025 10:00:00 GMT"));
    server.serve("/edit.xml", items);
    assertTrue(TopicReads.await(PATIENCE, () -> TopicReads.committedKeys(broker.bootstrapServers(), articles).size() >= 4),
        "a new item is");
    Thread.sleep(1500);
    List<String> titles = TopicReads.all(broker.bootstrapServers(), articles, true).stream()
        .map(r -> Topics.valueSerde(Article.class).deserializer().deserialize(articles, r.value()).getTitle()).sorted().toList();
    assertEquals(List.of("edit story 1", "edit story 2", "edit story 3", "edit story 4"), titles);
    assertNull(ingest.failure.get());
  }

  // --- helpers

  private static KafkaProperties kafka() {
    return new KafkaProperties(broker.bootstrapServers(), Map.of(), "exactly_once_v2", dir, 1);
  }

  private static Topics provisioned(String prefix) {
    Topics topics = new Topics(prefix);
    TopicProvisioner.ensureTopics(kafka().admin(), topics, (short) 1);
    return topics;
  }

  private static void register(Topics topics, String id, String url) throws Exception {
    try (var producer = new KafkaProducer<>(kafka().producer("it-register", null), new StringSerializer(),
        new ByteArraySerializer())) {
      producer.send(topics.record(Topic.FEEDS, id, FeedSource.newBuilder().setId(id).setUrl(url).setIntervalSeconds(1)
          .setAddedAt(Instant.now()).build())).get();
    }
  }

  private static FeedPoller poller(Topics topics, String group, Producer<String, byte[]> producer) {
    IngestSettings settings = new IngestSettings(topics, group, group, Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(10), 4, 2, 1);
    FeedRegistry registry = new FeedRegistry(new KafkaConsumer<>(kafka().consumer("it-feeds-" + group, group),
        new StringDeserializer(), new ByteArrayDeserializer()), topics.name(Topic.FEEDS));
    CursorStore cursors = new CursorStore(new KafkaConsumer<>(kafka().consumer("it-cursors-" + group, null),
        new StringDeserializer(), new ByteArrayDeserializer()), topics.name(Topic.INGEST_CURSORS));
    FeedFetcher fetcher = new FeedFetcher(FetchSettings.defaults().withAllowedHosts(Set.of("127.0.0.1"))
        .withTotalDeadline(Duration.ofSeconds(10)));
    return new FeedPoller(settings, registry, cursors, FeedReader.http(fetcher, new FeedParser(), Clock.systemUTC()),
        producer, Clock.systemUTC(), new IngestMetrics(new SimpleMeterRegistry()));
  }

  /** Steps a poller on its own thread, as the ingest service does. */
  private static final class PollerThread implements AutoCloseable {
    final FeedPoller poller;
    final Thread thread;
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    volatile boolean stop;

    PollerThread(FeedPoller poller) {
      this.poller = poller;
      this.thread = new Thread(() -> {
        try {
          while (!stop) {
            poller.step();
          }
        } catch (Throwable e) {
          if (!stop) {
            failure.set(e);
          }
        }
      }, "it-poller");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws Exception {
      stop = true;
      thread.join(Duration.ofSeconds(30).toMillis());
      poller.close();
    }
  }

  /** A producer whose first commit stops half-way, as if the process died there: records flushed, no commit. */
  private static final class StallingProducer extends KafkaProducer<String, byte[]> {
    final CountDownLatch stalled = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);

    StallingProducer(Properties props) {
      super(props, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void commitTransaction() {
      flush();
      stalled.countDown();
      try {
        resume.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      super.commitTransaction();
    }
  }

  private static Process startChipwatch(Path log, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.chipwatch.schemas.avro",
        "-Djdk.httpclient.allowRestrictedHeaders=host",
        "-cp", System.getProperty("java.class.path"),
        "dev.chipwatch.app.cli.Main"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
