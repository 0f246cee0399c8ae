package dev.chipwatch.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.config.ConfigLoader;
import dev.chipwatch.app.runtime.ChipwatchProcess;
import dev.chipwatch.app.runtime.Role;
import dev.chipwatch.schemas.Topics.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest as a whole honours a host's Retry-After for all its feeds, and keeps retrying a failing feed. */
class PolitenessIT {
  @TempDir Path dir;
  private FeedServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new FeedServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void a429WithRetryAfterPausesEveryFeedOfTheHostThenBothResume() throws Exception {
    server.serve("/told.xml", FeedServer.items("told", 2));
    server.serve("/sibling.xml", FeedServer.items("sibling", 2));
    server.refuse("/told.xml", 429, 10); // well beyond the four seconds watched below
    Path file = dir.resolve("chipwatch.yaml");
    // the same host twice: 127.0.0.1 for both feeds
    Files.writeString(file, """
        dataDir: %s
        kafka:
          embedded: {port: 0, controllerPort: 0}
        metrics: {enabled: false}
        ingest:
          allowedHosts: [127.0.0.1]
          minIntervalSeconds: 1
          maxIntervalSeconds: 30
          maxSlowdown: 1
          feeds:
            - {id: told, url: "%s", intervalSeconds: 1}
            - {id: sibling, url: "%s", intervalSeconds: 1}
        """.formatted(dir.resolve("data"), server.url("/told.xml"), server.url("/sibling.xml")));
    ChipwatchConfig config = new ConfigLoader().load(file, Map.of(), Map.of());
    try (ChipwatchProcess process = ChipwatchProcess.open(config, "chipwatch-politeness-it")) {
      process.start(EnumSet.of(Role.INGEST));
      assertTrue(TopicReads.await(Duration.ofSeconds(45), () -> server.requests("/told.xml") >= 1),
          "the refused feed was asked once");
      // the sibling may have been fetched alongside, before the 429 came back; after that, nothing
      Thread.sleep(500);
      int sibling = server.requests("/sibling.xml");
      int told = server.requests("/told.xml");
      Thread.sleep(3500);
      assertEquals(sibling, server.requests("/sibling.xml"), "the sibling waits out its host's Retry-After");
      assertEquals(told, server.requests("/told.xml"));

      server.accept("/told.xml");
      assertTrue(TopicReads.await(Duration.ofSeconds(30), () -> server.requests("/sibling.xml") > sibling + 1
          && server.requests("/told.xml") > told), "both resume after the pause");
      assertTrue(TopicReads.await(Duration.ofSeconds(30), () ->
          TopicReads.committedKeys(process.kafka().bootstrapServers(), process.topics().name(Topic.ARTICLES_RAW)).size() == 4),
          "the refused feed's items arrive once it answers");
      long deadLetters = TopicReads.all(process.kafka().bootstrapServers(), process.topics().name(Topic.DLQ), true).stream()
          .filter(r -> "told".equals(r.key())).count();
      assertEquals(1, deadLetters, "one 429, one dead letter");
    }
  }

  @Test
  void aFailingFeedIsNeverDroppedAndComesBackWhenItRecovers() throws Exception {
    server.serve("/flaky.xml", FeedServer.items("flaky", 3));
    server.refuse("/flaky.xml", 500, 0);
    Path file = dir.resolve("chipwatch.yaml");
    Files.writeString(file, """
        dataDir: %s
        kafka:
          embedded: {port: 0, controllerPort: 0}
        metrics: {enabled: false}
        ingest:
          allowedHosts: [127.0.0.1]
          minIntervalSeconds: 1
          maxIntervalSeconds: 2
          feeds:
            - {id: flaky, url: "%s", intervalSeconds: 1}
        """.formatted(dir.resolve("data"), server.url("/flaky.xml")));
    ChipwatchConfig config = new ConfigLoader().load(file, Map.of(), Map.of());
    try (ChipwatchProcess process = ChipwatchProcess.open(config, "chipwatch-politeness-it")) {
      process.start(EnumSet.of(Role.INGEST));
      assertTrue(TopicReads.await(Duration.ofSeconds(60), () -> server.requests("/flaky.xml") >= 6),
          "retried again and again at the backoff ceiling");
      assertTrue(process.registry().get("chipwatch.feed.failures").tag("feed", "flaky").gauge().value() >= 5);
      server.accept("/flaky.xml");
      assertTrue(TopicReads.await(Duration.ofSeconds(30), () ->
          TopicReads.committedKeys(process.kafka().bootstrapServers(), process.topics().name(Topic.ARTICLES_RAW)).size() == 3),
          "its items arrive once it recovers");
      assertTrue(TopicReads.await(Duration.ofSeconds(10), () ->
          process.registry().get("chipwatch.feed.failures").tag("feed", "flaky").gauge().value() == 0));
    }
  }
}
