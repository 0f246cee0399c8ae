package dev.chipwatch.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chipwatch.schemas.avro.Article;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class AvroSerdesTest {
  private final Serde<Article> serde = AvroSerdes.serde(Article.class);

  @Test
  void roundTripsTheCurrentSchema() {
    Article article = Article.newBuilder()
        .setId("abc").setFeedId("f1").setLink("https://example.com/a").setTitle("H20 ban")
        .setPublished(Instant.parse("2025-04-15T08:00:00Z")).setFetchedAt(Instant.parse("2025-04-15T09:00:00Z"))
        .setOfficial(true).build();
    byte[] bytes = serde.serializer().serialize("t", article);
    assertEquals(article, serde.deserializer().deserialize("t", bytes));
  }

  @Test
  void readsWhatAnEarlierSchemaWrote() throws Exception {
    Schema v1 = AvroSerdes.earlierVersions(Article.getClassSchema().getFullName()).get(0);
    assertFalse(v1.getFields().stream().anyMatch(f -> f.name().equals("official")));
    GenericRecord old = new GenericData.Record(v1);
    old.put("id", "old-1");
    old.put("feedId", "f1");
    old.put("title", "Written by release 0");
    old.put("summary", "");
    old.put("content", "");
    old.put("published", 1_700_000_000_000L);
    old.put("fetchedAt", 1_700_000_001_000L);
    ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);

    Article read = serde.deserializer().deserialize("t", bytes);
    assertEquals("old-1", read.getId());
    assertEquals("Written by release 0", read.getTitle());
    assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), read.getPublished());
    assertFalse(read.getOfficial());
    assertNull(read.getLink());
  }

  @Test
  void readsANotificationLogRecordFromBeforeSilences() {
    Schema v1 = AvroSerdes.earlierVersions(dev.chipwatch.schemas.avro.Notification.getClassSchema().getFullName()).get(0);
    GenericRecord old = new GenericData.Record(v1);
    old.put("alertId", "a1");
    old.put("receiver", "team-slack");
    old.put("outcome", new GenericData.EnumSymbol(v1.getField("outcome").schema(), "DELIVERED"));
    old.put("attempts", 2);
    old.put("at", 1_700_000_000_000L);
    ByteBuffer encoded;
    try {
      encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);

    var read = AvroSerdes.serde(dev.chipwatch.schemas.avro.Notification.class).deserializer().deserialize("t", bytes);
    assertEquals(dev.chipwatch.schemas.avro.NotificationOutcome.DELIVERED, read.getOutcome());
    assertEquals(2, read.getAttempts());
  }

  @Test
  void tombstonesStayNull() {
    assertNull(serde.serializer().serialize("t", null));
    assertNull(serde.deserializer().deserialize("t", null));
  }

  @Test
  void garbageIsASerializationErrorNamingTheTopic() {
    SerializationException e = assertThrows(SerializationException.class,
        () -> serde.deserializer().deserialize("chipwatch.articles.raw", new byte[] {1, 2, 3}));
    assertEquals(true, e.getMessage().contains("chipwatch.articles.raw"));
  }
}
