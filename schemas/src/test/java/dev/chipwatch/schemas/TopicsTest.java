package dev.chipwatch.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chipwatch.schemas.Topics.Topic;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicsTest {
  @Test
  void namesCarryThePrefix() {
    assertEquals("chipwatch.articles.raw", Topics.withDefaultPrefix().name(Topic.ARTICLES_RAW));
    assertEquals("test-alerts", new Topics("test-").name(Topic.ALERTS));
  }

  @Test
  void tablesAreCompacted() {
    for (NewTopic t : Topics.withDefaultPrefix().newTopics((short) 1)) {
      boolean table = t.name().endsWith("feeds") || t.name().endsWith("export-status")
          || t.name().endsWith("market-cap") || t.name().endsWith("alert-rules") || t.name().endsWith("ingest.cursors")
          || t.name().endsWith("notifications.log") || t.name().endsWith("silences");
      assertEquals(table ? "compact" : "delete", t.configs().get("cleanup.policy"), t.name());
    }
  }

  @Test
  void rejectsAPrefixKafkaWouldRefuse() {
    assertThrows(IllegalArgumentException.class, () -> new Topics("bad prefix/"));
  }
}
