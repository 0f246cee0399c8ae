package dev.chipwatch.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.config.ConfigLoader;
import dev.chipwatch.app.runtime.ChipwatchProcess;
import dev.chipwatch.app.runtime.Role;
import dev.chipwatch.schemas.Topics.Topic;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebSub end to end with a hub on loopback: subscribe, verify, pushed items ingested at once, unsubscribe. */
class WebSubIT {
  private static final Duration PATIENCE = Duration.ofSeconds(45);

  @TempDir Path dir;
  private FeedServer feeds;
  private FakeHub hub;

  @BeforeEach
  void start() throws Exception {
    feeds = new FeedServer();
    hub = new FakeHub();
  }

  @AfterEach
  void stop() {
    hub.close();
    feeds.close();
  }

  private String rss(int items) {
    StringBuilder xml = new StringBuilder("""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>pushed wire</title>
        <link>https://push.example/</link><description>d</description>
        <atom:link rel="hub" href="%s"/><atom:link rel="self" href="%s"/>
        """.formatted(hub.url(), feeds.url("/ws.xml")));
    for (int i = items; i >= 1; i--) {
      xml.append("<item><title>pushed story ").append(i).append("</title><link>https://push.example/").append(i)
          .append("</link><pubDate>").append(String.format("Tue, %02d Jul 2025 10:00:00 GMT", i)).append("</pubDate></item>\n");
    }
    return xml.append("</channel></rss>").toString();
  }

  @Test
  void pushedItemsArriveWithoutAPollAndTheSubscriptionEndsWithTheFeed() throws Exception {
    feeds.serveRaw("/ws.xml", rss(2));
    int port;
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path file = dir.resolve("chipwatch.yaml");
    Files.writeString(file, """
        dataDir: %s
        kafka:
          embedded: {port: 0, controllerPort: 0}
        metrics: {enabled: false}
        ingest:
          allowedHosts: [127.0.0.1]
          minIntervalSeconds: 1
          websub: {callbackUrl: "http://127.0.0.1:%d/websub", listenHost: 127.0.0.1, listenPort: %d}
          feeds:
            - {id: ws, url: "%s", intervalSeconds: 3600}
        """.formatted(dir.resolve("data"), port, port, feeds.url("/ws.xml")));
    ChipwatchConfig config = new ConfigLoader().load(file, Map.of(), Map.of());
    try (ChipwatchProcess process = ChipwatchProcess.open(config, "chipwatch-websub-it")) {
      process.start(EnumSet.of(Role.INGEST));
      String articles = process.topics().name(Topic.ARTICLES_RAW);
      String bootstrap = process.kafka().bootstrapServers();
      assertTrue(TopicReads.await(PATIENCE, () -> TopicReads.committedKeys(bootstrap, articles).size() == 2), "first poll");
      assertTrue(TopicReads.await(PATIENCE, () -> hub.requests.stream().anyMatch(FakeHub.Request::verified)),
          "subscribed, and the intent verified: " + hub.requests);
      FakeHub.Request subscription = hub.requests.get(0);
      assertEquals("subscribe", subscription.form().get("hub.mode"));
      assertEquals(feeds.url("/ws.xml"), subscription.form().get("hub.topic"));
      String callback = subscription.form().get("hub.callback");
      assertTrue(callback.startsWith("http://127.0.0.1:" + port + "/websub/"), callback);

      assertEquals(202, hub.push(callback, rss(3)));
      assertTrue(TopicReads.await(Duration.ofSeconds(20), () -> TopicReads.committedKeys(bootstrap, articles).size() == 3),
          "the pushed item is ingested at once");
      assertEquals(1, feeds.requests("/ws.xml"), "without polling the feed again");
      assertEquals(202, hub.push(callback, rss(3)));
      assertEquals(404, hub.push(callback.substring(0, callback.lastIndexOf('/') + 1) + "forged-token", rss(4)));
      Thread.sleep(1500);
      assertEquals(3, TopicReads.committedKeys(bootstrap, articles).size(), "a repeated push adds nothing");

      removeFeed(process, "ws");
      assertTrue(TopicReads.await(PATIENCE, () -> hub.requests.stream()
              .anyMatch(r -> "unsubscribe".equals(r.form().get("hub.mode")) && r.verified())),
          "unsubscribed when the feed was removed: " + hub.requests);
      assertEquals(404, hub.push(callback, rss(5)), "its callback is gone");
      List<String> keys = TopicReads.committedKeys(bootstrap, articles);
      assertEquals(3, keys.size());
    }
  }

  private static void removeFeed(ChipwatchProcess process, String id) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", process.kafka().bootstrapServers());
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(process.topics().record(Topic.FEEDS, id, null)).get();
    }
  }
}
