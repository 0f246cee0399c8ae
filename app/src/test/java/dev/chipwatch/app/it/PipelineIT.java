package dev.chipwatch.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.config.ConfigLoader;
import dev.chipwatch.app.runtime.ChipwatchProcess;
import dev.chipwatch.app.runtime.Role;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.Article;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on a real in-JVM broker: a feed served over HTTP becomes an alert on the alerts topic. */
class PipelineIT {
  private static final String FEED = """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel><title>IT wire</title><link>https://it.example/</link><description>d</description>
      <item><title>Nvidia to resume H20 sales in China</title>
        <link>https://it.example/2025/07/15/h20-resumes</link>
        <pubDate>Tue, 15 Jul 2025 04:10:00 GMT</pubDate>
        <description>Nvidia said the US government has assured it that licences will be granted for sales of its H20 chip to China.</description></item>
      <item><title>US blocks H20 exports to China</title>
        <link>https://it.example/2025/04/15/h20-blocked</link>
        <pubDate>Tue, 15 Apr 2025 22:30:00 GMT</pubDate>
        <description>Nvidia said the US government told it that exports of its H20 chips to China now require a licence for the indefinite future and that it does not expect licences to be granted, halting its sales.</description></item>
      </channel></rss>
      """;

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger fetches = new AtomicInteger();

  @BeforeEach
  void serveFeed() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    byte[] body = FEED.strip().getBytes(StandardCharsets.UTF_8);
    server.createContext("/feed.xml", exchange -> {
      fetches.incrementAndGet();
      exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stopFeed() {
    server.stop(0);
  }

  @Test
  void feedItemBecomesAnAlertOnceAcrossARestart() throws Exception {
    Path file = dir.resolve("chipwatch.yaml");
    Files.writeString(file, """
        dataDir: %s
        kafka:
          embedded: {port: 0, controllerPort: 0}
        metrics:
          port: 0
        ingest:
          allowedHosts: [127.0.0.1]
          minIntervalSeconds: 1
          maxSlowdown: 1
          feeds:
            - id: it-feed
              url: http://127.0.0.1:%d/feed.xml
              intervalSeconds: 1
        """.formatted(dir.resolve("data"), server.getAddress().getPort()));
    ChipwatchConfig config = new ConfigLoader().load(file, Map.of(), Map.of());

    List<Alert> first;
    try (ChipwatchProcess process = ChipwatchProcess.open(config, "chipwatch-it")) {
      process.start(EnumSet.allOf(Role.class));
      first = awaitAlerts(process, 2, Duration.ofSeconds(90));
      assertEquals(List.of("nvidia-h20|CN", "nvidia-h20|CN"), first.stream().map(Alert::getSubject).toList());
      assertEquals(List.of("BANNED", "ALLOWED"), first.stream().map(Alert::getNewState).toList());
      assertHealthAndMetrics(process.metricsPort());
      int fetchedBefore = fetches.get();
      Thread.sleep(3000);
      assertTrue(fetches.get() > fetchedBefore, "the feed keeps being polled");
      assertEquals(2, count(process, Topic.ARTICLES_RAW), "re-polling an unchanged feed writes nothing");
    }

    try (ChipwatchProcess again = ChipwatchProcess.open(config, "chipwatch-it")) {
      again.start(EnumSet.allOf(Role.class));
      Thread.sleep(5000);
      assertEquals(2, count(again, Topic.ARTICLES_RAW), "a restart re-sends nothing");
      assertEquals(2, count(again, Topic.ALERTS), "a restart raises nothing twice");
      assertEquals(1, count(again, Topic.FEEDS), "an unchanged configured feed is not written again");
    }
  }

  private static void assertHealthAndMetrics(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode(), health.body());
    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(metrics.contains("chipwatch_articles_ingested_total"), "pipeline metrics");
    assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM metrics");
    assertTrue(metrics.contains("kafka_producer"), "Kafka client metrics");
  }

  private static List<Alert> awaitAlerts(ChipwatchProcess process, int n, Duration timeout) {
    List<Alert> alerts = new ArrayList<>();
    try (var consumer = consumer(process)) {
      String topic = process.topics().name(Topic.ALERTS);
      assignFromBeginning(consumer, topic);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (alerts.size() < n && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          alerts.add(Topics.valueSerde(Alert.class).deserializer().deserialize(topic, r.value()));
        }
      }
    }
    assertEquals(n, alerts.size(), "alerts within " + timeout);
    return alerts;
  }

  private static int count(ChipwatchProcess process, Topic topic) {
    int n = 0;
    try (var consumer = consumer(process)) {
      String name = process.topics().name(topic);
      List<TopicPartition> partitions = assignFromBeginning(consumer, name);
      var end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        n += consumer.poll(Duration.ofMillis(200)).count();
      }
    }
    return n;
  }

  private static KafkaConsumer<String, byte[]> consumer(ChipwatchProcess process) {
    return new KafkaConsumer<>(process.kafka().consumer("it-reader", null), new StringDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer());
  }

  private static List<TopicPartition> assignFromBeginning(KafkaConsumer<String, byte[]> consumer, String topic) {
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return partitions;
  }
}
