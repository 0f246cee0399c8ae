package dev.chipwatch.app.bench;

import com.rometools.rome.io.SyndFeedInput;
import com.sun.net.httpserver.HttpServer;
import dev.chipwatch.app.broker.EmbeddedKafka;
import dev.chipwatch.app.runtime.KafkaProperties;
import dev.chipwatch.app.runtime.Metrics;
import dev.chipwatch.app.runtime.TopicProvisioner;
import dev.chipwatch.ingest.feed.FeedFetcher;
import dev.chipwatch.ingest.feed.FeedParser;
import dev.chipwatch.ingest.feed.FetchSettings;
import dev.chipwatch.ingest.feed.Validators;
import dev.chipwatch.ingest.kafka.CursorStore;
import dev.chipwatch.ingest.kafka.FeedPoller;
import dev.chipwatch.ingest.kafka.FeedReader;
import dev.chipwatch.ingest.kafka.FeedRegistry;
import dev.chipwatch.ingest.kafka.IngestMetrics;
import dev.chipwatch.ingest.kafka.IngestSettings;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.FeedCursor;
import dev.chipwatch.schemas.avro.FeedSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures ingest: parse time of a 100 KB feed; local feeds fetched over HTTP, parsed and written
 * to an embedded broker, per second and per CPU second; heap held per registered feed and per cursor.
 */
public final class IngestBench {
  /**
   * @param parseRuns measured parses (after as many warm-up runs)
   * @param feeds local feeds for the throughput run
   * @param feedBytes size of each of them
   * @param registered feeds registered for the heap measurement
   * @param seenIds item ids per cursor in the heap measurement
   * @param fetchThreads fetch pool size for the throughput run
   */
  public record Options(int parseRuns, int feeds, int feedBytes, int registered, int seenIds, int fetchThreads,
      Path dataDir) {}

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final PrintWriter out;

  public IngestBench(PrintWriter out) {
    this.out = out;
  }

  public void run(Options o) throws Exception {
    Runtime rt = Runtime.getRuntime();
    out.printf("chipwatch bench ingest: %d CPUs visible to the JVM, Java %s, max heap %d MB%n",
        rt.availableProcessors(), System.getProperty("java.version"), rt.maxMemory() >> 20);
    out.println("(numbers from a shared machine are noisy: run twice and compare)");
    out.flush();
    parse(o);
    try (EmbeddedKafka broker = EmbeddedKafka.onFreePorts(o.dataDir().resolve("kafka"))) {
      broker.start();
      KafkaProperties kafka = new KafkaProperties(broker.bootstrapServers(), Map.of(), "exactly_once_v2", o.dataDir(), 1);
      throughput(o, kafka);
      heap(o, kafka);
    }
  }

  private void parse(Options o) throws Exception {
    byte[] body = BenchFeeds.rss("parse", 100 * 1024);
    String xml = new String(body, StandardCharsets.UTF_8);
    FeedParser parser = new FeedParser();
    Instant now = Instant.now();
    int items = parser.parse(body, "application/rss+xml; charset=utf-8", now).items().size();
    long[] full = new long[o.parseRuns()];
    long[] rome = new long[o.parseRuns()];
    long[] fullCpu = new long[o.parseRuns()];
    long[] romeCpu = new long[o.parseRuns()];
    for (int warm = 0; warm < o.parseRuns(); warm++) {
      parser.parse(body, "application/rss+xml; charset=utf-8", now);
      new SyndFeedInput().build(new StringReader(xml));
    }
    // wall time counts the moments another process had the core; this thread's CPU time does not,
    // so on a shared machine the CPU figures are the steadier ones
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int i = 0; i < o.parseRuns(); i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      parser.parse(body, "application/rss+xml; charset=utf-8", now);
      long t1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      new SyndFeedInput().build(new StringReader(xml));
      long t2 = System.nanoTime();
      long c2 = threads.getCurrentThreadCpuTime();
      full[i] = t1 - t0;
      rome[i] = t2 - t1;
      fullCpu[i] = c1 - c0;
      romeCpu[i] = c2 - c1;
    }
    out.printf("%nparse, %d KB RSS with %d items, %d runs after %d warm-up runs (target: ROME p50 <= 5 ms):%n",
        body.length / 1024, items, o.parseRuns(), o.parseRuns());
    line("ROME SyndFeedInput alone, wall", rome);
    line("ROME SyndFeedInput alone, CPU", romeCpu);
    line("FeedParser, wall", full);
    line("FeedParser, CPU", fullCpu);
    out.println("  (FeedParser = charset detection, DOCTYPE and nesting guards, ROME, item ids, jsoup text cleaning)");
    out.flush();
  }

  private void line(String what, long[] nanos) {
    Percentiles p = new Percentiles(nanos);
    out.printf("  %-32s p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms%n", what, p.millis(50), p.millis(90), p.millis(99));
  }

  private void throughput(Options o, KafkaProperties kafka) throws Exception {
    Topics topics = provisioned(kafka, "bench.");
    // the JDK server writes headers and body apart; without TCP_NODELAY, Nagle and delayed ACKs on
    // loopback add ~40 ms to every response, and the bench would measure that instead of ingest
    System.setProperty("sun.net.httpserver.nodelay", "true");
    ExecutorService serverThreads = Executors.newFixedThreadPool(2, r -> new Thread(r, "bench-http-server"));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    Map<String, byte[]> bodies = new java.util.concurrent.ConcurrentHashMap<>();
    server.setExecutor(serverThreads);
    server.createContext("/", exchange -> {
      byte[] b = bodies.get(exchange.getRequestURI().getPath());
      exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
      exchange.sendResponseHeaders(b == null ? 404 : 200, b == null ? -1 : b.length);
      try (OutputStream os = exchange.getResponseBody()) {
        if (b != null) {
          os.write(b);
        }
      }
    });
    server.start();
    List<FeedSource> feeds = new ArrayList<>();
    long totalBytes = 0;
    for (int i = 0; i < o.feeds(); i++) {
      String path = String.format("/feed/%05d.xml", i);
      byte[] body = BenchFeeds.rss("f" + i, o.feedBytes());
      totalBytes += body.length;
      bodies.put(path, body);
      feeds.add(feed(String.format("bench-%05d", i), "http://127.0.0.1:" + server.getAddress().getPort() + path));
    }
    register(kafka, topics, feeds);

    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    FeedFetcher fetcher = new FeedFetcher(FetchSettings.defaults().withAllowedHosts(Set.of("127.0.0.1")));
    // every local feed is on one host: the per-host limit (politeness) is lifted so that the fetch
    // threads, not the limit, bound the run
    FeedPoller poller = poller(kafka, topics, "bench-ingest", o.fetchThreads(), Integer.MAX_VALUE,
        FeedReader.http(fetcher, new FeedParser(), Clock.systemUTC()), new IngestMetrics(meters));
    String name = Thread.currentThread().getName();
    Thread.currentThread().setName("chipwatch-bench-poller");
    CpuMeter cpu = new CpuMeter(n -> n.startsWith("chipwatch-") || n.startsWith("HttpClient")
        || n.startsWith("kafka-producer-network-thread"));
    try {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (gauge(meters, "chipwatch.feeds.owned") < o.feeds()) {
        poller.step();
        check(deadline, "the feeds to be assigned");
      }
      CpuMeter.Snapshot before = cpu.take();
      long t0 = System.nanoTime();
      while (count(meters.find("chipwatch.feed.fetches")) < o.feeds()) {
        poller.step();
        check(deadline, "every feed to be fetched and written");
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      CpuMeter.Snapshot after = cpu.take();
      double ingestCpu = CpuMeter.threadSeconds(before, after);
      double processCpu = CpuMeter.processSeconds(before, after);
      Map<String, Double> outcomes = new TreeMap<>();
      meters.find("chipwatch.feed.fetches").counters().forEach(c -> outcomes.put(c.getId().getTag("outcome"), c.count()));
      double items = count(meters.find("chipwatch.articles.ingested"));
      out.printf("%nthroughput: %d local feeds of ~%d KB (%d MB in all) over HTTP, parsed, written in one Kafka "
          + "transaction per poller round to the embedded broker; %d fetch threads:%n", o.feeds(), totalBytes / o.feeds() / 1024,
          totalBytes >> 20, o.fetchThreads());
      out.printf("  outcomes %s, %.0f articles written%n", outcomes, items);
      out.printf("  wall clock        %7.2f s   %7.1f feeds/s%n", seconds, o.feeds() / seconds);
      out.printf("  ingest threads    %7.2f CPU s   %7.1f feeds per CPU second (fetch, parse, poller, producer)%n",
          ingestCpu, o.feeds() / ingestCpu);
      out.printf("  whole process     %7.2f CPU s   (adds the in-JVM broker, the HTTP server, GC, JIT)%n", processCpu);
      out.printf("  stretch goal: 10,000 feeds every 5 min = 33 feeds/s; at this rate that takes %.0f %% of one core%n",
          100.0 * (10_000 / 300.0) / (o.feeds() / ingestCpu));
      out.flush();
    } finally {
      Thread.currentThread().setName(name);
      poller.close();
      server.stop(0);
      serverThreads.shutdownNow();
    }
  }

  private void heap(Options o, KafkaProperties kafka) throws Exception {
    Topics topics = provisioned(kafka, "benchheap.");
    // every feed answers 304 Not Modified at once: what is measured is what the poller keeps per
    // registered feed (registry entry, schedule, URL, gauges), not a fetch in flight
    FeedReader notModified = (uri, previous) -> new FeedReader.Reading(null, Validators.NONE);
    MeterRegistry meters = Metrics.registry("bench");
    FeedPoller poller = poller(kafka, topics, "bench-heap", 4, 4, notModified, new IngestMetrics(meters));
    long settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (System.nanoTime() < settle) {
      poller.step(); // joins the group, starts the transactions: the fixed cost stays out of the difference
    }
    long empty = HeapMeter.usedAfterGc();
    List<FeedSource> feeds = new ArrayList<>();
    for (int i = 0; i < o.registered(); i++) {
      feeds.add(feed(String.format("heap-%05d", i), String.format("https://news%d.example/feeds/%05d/rss.xml", i % 500, i)));
    }
    register(kafka, topics, feeds);
    feeds = null;
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (gauge(meters, "chipwatch.feeds.owned") < o.registered()
        || count(meters.find("chipwatch.feed.fetches")) < o.registered()) {
      poller.step();
      check(deadline, "every registered feed to be scheduled");
    }
    long full = HeapMeter.usedAfterGc();
    double registeredMb = (full - empty) / 1048576.0;
    out.printf("%nheap, MemoryMXBean used heap after GC, before and after registering:%n");
    out.printf("  %,d registered feeds (registry, schedule, URL, 2 gauges each)  %6.1f MB  (%.0f bytes per feed; "
        + "target <= 64 MB per 10,000)%n", o.registered(), registeredMb, (full - empty) / (double) o.registered());
    out.flush();

    writeCursors(kafka, topics, o.registered(), o.seenIds());
    CursorStore store = new CursorStore(new KafkaConsumer<>(kafka.consumer("bench-cursors", null),
        new StringDeserializer(), new ByteArrayDeserializer()), topics.name(Topic.INGEST_CURSORS));
    long before = HeapMeter.usedAfterGc();
    store.refresh();
    store.close(); // the consumer's fetch buffers are not the cursors' cost; the map stays
    long after = HeapMeter.usedAfterGc();
    long bytes = after - before;
    out.printf("  %,d cursors with %d seen item ids each                      %6.1f MB  (%.0f bytes per cursor)%n",
        o.registered(), o.seenIds(), bytes / 1048576.0, bytes / (double) o.registered());
    // ids are held as 64-bit fingerprints in a long[]: each more id costs 8 bytes, the rest is per cursor
    double perCursorRest = bytes / (double) o.registered() - 8.0 * o.seenIds();
    out.printf("  a cursor keeps up to max(1000, 2 x items) ids: at 1000 ids, %,d cursors would take ~%.0f MB%n",
        o.registered(), o.registered() * (perCursorRest + 8.0 * 1000) / 1048576.0);
    out.flush();
    if (!store.has("heap-00000")) {
      throw new IllegalStateException("cursors were not read back");
    }
    poller.close();
  }

  private static FeedPoller poller(KafkaProperties kafka, Topics topics, String group, int fetchThreads, int perHost,
      FeedReader reader, IngestMetrics metrics) {
    IngestSettings settings = new IngestSettings(topics, group, group, Duration.ofHours(1), Duration.ofMinutes(1),
        Duration.ofHours(24), fetchThreads, perHost, 4);
    FeedRegistry registry = new FeedRegistry(new KafkaConsumer<>(kafka.consumer(group + "-feeds", group),
        new StringDeserializer(), new ByteArrayDeserializer()), topics.name(Topic.FEEDS));
    CursorStore cursors = new CursorStore(new KafkaConsumer<>(kafka.consumer(group + "-cursors", null),
        new StringDeserializer(), new ByteArrayDeserializer()), topics.name(Topic.INGEST_CURSORS));
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producer(group, group), new StringSerializer(),
        new ByteArraySerializer());
    return new FeedPoller(settings, registry, cursors, reader, producer, Clock.systemUTC(), metrics);
  }

  private static Topics provisioned(KafkaProperties kafka, String prefix) {
    Topics topics = new Topics(prefix);
    TopicProvisioner.ensureTopics(kafka.admin(), topics, (short) 1);
    return topics;
  }

  private static FeedSource feed(String id, String url) {
    return FeedSource.newBuilder().setId(id).setUrl(url).setIntervalSeconds(3600).setAddedAt(Instant.now()).build();
  }

  private static void register(KafkaProperties kafka, Topics topics, List<FeedSource> feeds) {
    try (var producer = new KafkaProducer<>(kafka.producer("bench-register", null), new StringSerializer(),
        new ByteArraySerializer())) {
      feeds.forEach(f -> producer.send(topics.record(Topic.FEEDS, f.getId(), f)));
      producer.flush();
    }
  }

  private static void writeCursors(KafkaProperties kafka, Topics topics, int n, int ids) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (var producer = new KafkaProducer<>(kafka.producer("bench-cursors", null), new StringSerializer(),
        new ByteArraySerializer())) {
      for (int i = 0; i < n; i++) {
        String id = String.format("heap-%05d", i);
        List<String> seen = new ArrayList<>(ids);
        for (int j = 0; j < ids; j++) {
          seen.add(HexFormat.of().formatHex(sha.digest((id + "/" + j).getBytes(StandardCharsets.UTF_8))));
        }
        producer.send(topics.record(Topic.INGEST_CURSORS, id, FeedCursor.newBuilder().setFeedId(id)
            .setEtag("\"" + Integer.toHexString(i) + "-etag\"").setLastModified("Tue, 01 Jul 2025 10:00:00 GMT")
            .setSeenIds(seen).setLastNewItemAt(Instant.now()).setUpdatedAt(Instant.now()).build()));
      }
      producer.flush();
    }
  }

  private static double gauge(MeterRegistry meters, String name) {
    var g = meters.find(name).gauge();
    return g == null ? 0 : g.value();
  }

  private static double count(Search search) {
    return search.counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static void check(long deadline, String what) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("bench timed out waiting for " + what);
    }
  }
}
