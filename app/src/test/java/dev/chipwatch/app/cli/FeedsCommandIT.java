package dev.chipwatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.app.broker.EmbeddedKafka;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.FeedCursor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `chipwatch feeds add|rm|list` against a real in-JVM broker. */
class FeedsCommandIT {
  @TempDir static Path dir;
  private static EmbeddedKafka broker;
  private static final Topics TOPICS = Topics.withDefaultPrefix();

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafka.onFreePorts(dir.resolve("kafka"));
    broker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private record Run(int exit, String out, String err) {}

  private static Run chipwatch(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--bootstrap-servers", broker.bootstrapServers(), "--data-dir", dir.resolve("data").toString()));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void addListRemove() throws Exception {
    Run empty = chipwatch("feeds", "list");
    assertEquals(0, empty.exit(), empty.err());
    assertTrue(empty.out().contains("no feeds registered"), empty.out());

    Run added = chipwatch("feeds", "add", "https://news.example/a.xml", "--id", "wire-a", "--interval", "15m", "--official");
    assertEquals(0, added.exit(), added.err());
    assertEquals("added feed wire-a: https://news.example/a.xml, every 15m, official", added.out().strip());

    Run derived = chipwatch("feeds", "add", "https://news.example/b.xml");
    assertEquals(0, derived.exit(), derived.err());
    String derivedId = dev.chipwatch.app.runtime.Seeder.feedId("https://news.example/b.xml");
    assertTrue(derived.out().contains("added feed " + derivedId), derived.out());

    Run sameUrl = chipwatch("feeds", "add", "https://news.example/a.xml", "--id", "other");
    assertEquals(2, sameUrl.exit());
    assertTrue(sameUrl.err().contains("already registered as feed 'wire-a'"), sameUrl.err());

    Run updated = chipwatch("feeds", "add", "https://news.example/a.xml", "--id", "wire-a", "--interval", "30m");
    assertEquals(0, updated.exit(), updated.err());
    assertTrue(updated.out().startsWith("updated feed wire-a"), updated.out());

    writeCursor("wire-a", Instant.now().minus(Duration.ofMinutes(5)));
    Run listed = chipwatch("feeds", "list");
    assertEquals(0, listed.exit(), listed.err());
    String[] lines = listed.out().strip().split("\n");
    assertEquals(3, lines.length, listed.out());
    String wireA = List.of(lines).stream().filter(l -> l.startsWith("wire-a")).findFirst().orElseThrow();
    assertTrue(wireA.matches("wire-a\\s+30m\\s+no\\s+new item [56]m ago\\s+https://news\\.example/a\\.xml"), wireA);
    String b = List.of(lines).stream().filter(l -> l.startsWith(derivedId)).findFirst().orElseThrow();
    assertTrue(b.contains("not read yet") && b.contains("15m"), b);

    Run removed = chipwatch("feeds", "rm", "wire-a");
    assertEquals(0, removed.exit(), removed.err());
    Run again = chipwatch("feeds", "rm", "wire-a");
    assertEquals(1, again.exit());
    assertTrue(again.err().contains("no feed with id 'wire-a'"), again.err());
    Run after = chipwatch("feeds", "list");
    assertTrue(!after.out().contains("wire-a") && after.out().contains(derivedId), after.out());
  }

  @Test
  void refusesWhatCannotBeAFeed() {
    Run ftp = chipwatch("feeds", "add", "ftp://news.example/a.xml");
    assertEquals(2, ftp.exit());
    assertTrue(ftp.err().contains("only http and https are fetched"), ftp.err());
    Run relative = chipwatch("feeds", "add", "/feed.xml");
    assertEquals(2, relative.exit());
    assertTrue(relative.err().contains("only http and https"), relative.err());
    Run spaces = chipwatch("feeds", "add", "https://news example/a.xml");
    assertEquals(2, spaces.exit());
    assertTrue(spaces.err().contains("not a valid URL"), spaces.err());
    Run interval = chipwatch("feeds", "add", "https://news.example/c.xml", "--interval", "soon");
    assertEquals(2, interval.exit());
    assertTrue(interval.err().contains("--interval: expected a duration"), interval.err());
    Run id = chipwatch("feeds", "add", "https://news.example/c.xml", "--id", "has space");
    assertEquals(2, id.exit());
    assertTrue(id.err().contains("--id"), id.err());
  }

  private static void writeCursor(String feedId, Instant lastNewItemAt) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      FeedCursor cursor = FeedCursor.newBuilder().setFeedId(feedId).setSeenIds(List.of("x"))
          .setLastNewItemAt(lastNewItemAt).setUpdatedAt(lastNewItemAt).build();
      producer.send(TOPICS.record(Topic.INGEST_CURSORS, feedId, cursor)).get();
    }
  }
}
