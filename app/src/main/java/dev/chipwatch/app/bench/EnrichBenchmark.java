package dev.chipwatch.app.bench;

import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.runtime.ChipwatchProcess;
import dev.chipwatch.app.runtime.Role;
import dev.chipwatch.enrich.tagging.Tagger;
import dev.chipwatch.enrich.tagging.Taxonomy;
import dev.chipwatch.ingest.feed.FeedItem;
import dev.chipwatch.ingest.feed.FeedParser;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.Article;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The enrich topology on the embedded broker: articles per second for one stream thread (a warm-up
 * backlog of 5 KB articles, then a measured one), then latency from produce to articles.tagged at a
 * steady rate.
 */
public final class EnrichBenchmark {
  private final PrintWriter out;

  public EnrichBenchmark(PrintWriter out) {
    this.out = out;
  }

  /**
   * @param warmup articles per warm-up round, tagged first and not counted, so that the measured
   *     backlog runs on compiled code and an assigned, restored task
   * @param dense every article carries about ten export events, rather than one
   */
  public void run(ChipwatchConfig config, int warmup, int backlog, int rate, int seconds, boolean dense) throws Exception {
    List<String> texts = sampleTexts(dense);
    out.printf("articles: %s (%s)%n", dense ? "dense" : "typical",
        dense ? "about ten export events each" : "one export event each, the rest of the text without");
    try (ChipwatchProcess process = ChipwatchProcess.open(config, "chipwatch-bench")) {
      String tagged = process.topics().name(Topic.ARTICLES_TAGGED);
      try (var producer = new KafkaProducer<>(process.kafka().producer("bench", null), new StringSerializer(),
          new ByteArraySerializer());
          var consumer = new KafkaConsumer<>(process.kafka().consumer("bench-reader", null), new StringDeserializer(),
              new ByteArrayDeserializer())) {
        var partitions = consumer.partitionsFor(tagged).stream()
            .map(p -> new org.apache.kafka.common.TopicPartition(tagged, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        long started = System.nanoTime();
        process.start(EnumSet.of(Role.ENRICH));
        warmUp(process, producer, consumer, texts, warmup, started);

        // the topology is idle while the measured backlog is written, so it competes with nothing but the broker
        produceBacklog(process, producer, texts, "b", backlog);
        CpuUse before = CpuUse.now();
        int first = awaitFirst(consumer);
        long firstAt = System.nanoTime();
        awaitTagged(consumer, backlog - first, firstAt);
        double secs = (System.nanoTime() - firstAt) / 1e9;
        CpuUse used = CpuUse.now().minus(before);
        out.printf("%s: backlog of %d articles (%d KB each) tagged in %.2f s after the first: %.0f articles/s"
            + " on one stream thread; the stream thread used %.2f CPU-s: %.0f articles per CPU-second of it%n",
            config.kafka().processingGuarantee(), backlog, texts.get(0).length() / 1024, secs, (backlog - first) / secs,
            used.streamThread(), backlog / used.streamThread());
        out.printf("  CPU in that time: %.2f CPU-s of %.2f available on %d cores; stream thread %.2f, other Java threads"
            + " (broker, producer I/O, this benchmark) %.2f, JIT compiler and GC threads %.2f%n",
            used.process(), secs * Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors(),
            used.streamThread(), used.javaThreads() - used.streamThread(), used.process() - used.javaThreads());
        out.flush();

        long[] latencies = steadyRate(process, producer, consumer, texts, rate, seconds);
        Arrays.sort(latencies);
        out.printf("%s: produce -> articles.tagged at %d articles/s for %d s: p50 %d ms, p99 %d ms, max %d ms (%d samples)%n",
            config.kafka().processingGuarantee(), rate, seconds, pct(latencies, 50), pct(latencies, 99),
            latencies[latencies.length - 1], latencies.length);
        out.flush();
      }
    }
  }

  /**
   * Rounds of {@code round} articles until the JIT compilers (busy for a while with the broker's and
   * the clients' code as well as the tagger's) used less than a tenth of a core in the last round, at
   * most 20 rounds: the measured backlog then runs on steady-state code, as a long-running service does.
   */
  private void warmUp(ChipwatchProcess process, KafkaProducer<String, byte[]> producer,
      KafkaConsumer<String, byte[]> consumer, List<String> texts, int round, long started) {
    java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    int rounds = 0;
    double jitShare;
    do {
      long compiledBefore = jit.getTotalCompilationTime();
      long roundStart = System.nanoTime();
      produceBacklog(process, producer, texts, "w" + rounds + "-", round);
      awaitTagged(consumer, round, roundStart);
      jitShare = (jit.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - roundStart) / 1e6);
      rounds++;
      out.printf("warm-up round %d: %d articles, JIT compilers busy %.0f%% of a core%n", rounds, round, 100 * jitShare);
      out.flush();
    } while (jitShare > 0.1 && rounds < 20);
    out.printf("warm-up: %d articles tagged %.1f s after start (start-up, rebalance and JIT compilation)%n",
        rounds * round, (System.nanoTime() - started) / 1e9);
  }

  private static void produceBacklog(ChipwatchProcess process, KafkaProducer<String, byte[]> producer, List<String> texts,
      String prefix, int count) {
    for (int i = 0; i < count; i++) {
      producer.send(process.topics().record(Topic.ARTICLES_RAW, prefix + i, article(prefix + i, texts, i)));
    }
    producer.flush();
  }

  /**
   * Waits for the first tagged articles (with exactly-once they become visible a commit at a time) and
   * returns how many came: the rate is counted over the rest.
   */
  private static int awaitFirst(KafkaConsumer<String, byte[]> consumer) {
    long since = System.nanoTime();
    while (true) {
      int n = consumer.poll(Duration.ofMillis(1)).count();
      if (n > 0) {
        return n;
      }
      checkDeadline(since, 0, 1);
    }
  }

  private static void awaitTagged(KafkaConsumer<String, byte[]> consumer, int count, long since) {
    int seen = 0;
    while (seen < count) {
      seen += consumer.poll(Duration.ofMillis(200)).count();
      checkDeadline(since, seen, count);
    }
  }

  private static void checkDeadline(long since, int seen, int count) {
    if (Duration.ofNanos(System.nanoTime() - since).toMinutes() > 10) {
      throw new IllegalStateException("backlog not tagged within 10 minutes: " + seen + " of " + count);
    }
  }

  private long[] steadyRate(ChipwatchProcess process, KafkaProducer<String, byte[]> producer,
      KafkaConsumer<String, byte[]> consumer, List<String> texts, int rate, int seconds) {
    int total = rate * seconds;
    List<Long> latencies = new ArrayList<>();
    long periodNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    int sent = 0;
    while (latencies.size() < total) {
      long now = System.nanoTime();
      while (sent < total && now - start >= sent * periodNanos) {
        String id = "s" + sent;
        producer.send(process.topics().record(Topic.ARTICLES_RAW, id, article(id, texts, sent)));
        sent++;
      }
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(5))) {
        if (r.key().startsWith("s")) {
          latencies.add(System.currentTimeMillis() - r.timestamp());
        }
      }
      if (Duration.ofNanos(System.nanoTime() - start).toSeconds() > seconds + 120L) {
        throw new IllegalStateException("steady-rate run did not finish: " + latencies.size() + " of " + total);
      }
    }
    return latencies.stream().mapToLong(Long::longValue).toArray();
  }

  /** CPU seconds used so far by the process, by all its Java threads, and by the Kafka Streams threads. */
  private record CpuUse(double process, double javaThreads, double streamThread) {
    static CpuUse now() {
      java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long all = 0;
      long stream = 0;
      for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (info == null) {
          continue;
        }
        long nanos = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
        all += nanos;
        if (info.getThreadName().contains("StreamThread") && !info.getThreadName().contains("producer")) {
          stream += nanos;
        }
      }
      long process = ((com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
      return new CpuUse(process / 1e9, all / 1e9, stream / 1e9);
    }

    CpuUse minus(CpuUse earlier) {
      return new CpuUse(process - earlier.process, javaThreads - earlier.javaThreads, streamThread - earlier.streamThread);
    }
  }

  private static long pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static Article article(String id, List<String> texts, int i) {
    Instant now = Instant.now();
    return Article.newBuilder().setId(id).setFeedId("bench").setLink("https://bench.example/" + id)
        .setTitle("Bench article " + id).setSummary("").setContent(texts.get(i % texts.size()))
        .setPublished(now).setFetchedAt(now).build();
  }

  /**
   * Article-like texts of about 5 KB from the bundled demo feeds. Dense: every text strings all demo
   * stories together, so it carries about ten export events. Typical: one story with an export event,
   * padded with stories without one, as most real articles carry at most one or two events.
   */
  public static List<String> sampleTexts(boolean dense) throws Exception {
    Tagger tagger = new Tagger(Taxonomy.load());
    List<String> eventful = new ArrayList<>();
    List<String> quiet = new ArrayList<>();
    for (String feed : List.of("policy-wire.xml", "markets-desk.xml")) {
      try (InputStream in = EnrichBenchmark.class.getResourceAsStream("/demo/" + feed)) {
        for (FeedItem item : new FeedParser().parse(in.readAllBytes(), null, Instant.now()).items()) {
          String story = item.title() + ". " + item.summary() + " " + item.content();
          boolean exportEvent = tagger.tag(item.title(), item.summary(), item.content(), item.published())
              .events().stream()
              .anyMatch(e -> e.type().name().startsWith("EXPORT_"));
          (exportEvent ? eventful : quiet).add(story);
        }
      }
    }
    List<String> all = new ArrayList<>(eventful);
    all.addAll(quiet);
    List<String> texts = new ArrayList<>();
    for (int start = 0; start < eventful.size(); start++) {
      StringBuilder text = new StringBuilder(eventful.get(start)).append(' ');
      List<String> padding = dense ? all : quiet;
      for (int i = start; text.length() < 5 * 1024; i++) {
        text.append(padding.get(i % padding.size())).append(' ');
      }
      texts.add(text.toString());
    }
    return texts;
  }
}
