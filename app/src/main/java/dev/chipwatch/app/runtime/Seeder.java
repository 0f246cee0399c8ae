package dev.chipwatch.app.runtime;

import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.FeedSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Map;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the feeds and rules named in the configuration into their compacted topics. Entries already
 * there unchanged are not written again, and a feed keeps the time it was first added, so a restart
 * neither churns the tables nor makes a never-updating feed look fresh.
 */
public final class Seeder {
  private Seeder() {}

  public static void seedFeeds(KafkaProperties kafka, Topics topics, ChipwatchConfig.Ingest ingest, Clock clock) {
    if (ingest.feeds().isEmpty()) {
      return;
    }
    Map<String, FeedSource> existing = CompactedTopicReader.read(kafka, topics.name(Topic.FEEDS), Topics.valueSerde(FeedSource.class).deserializer());
    List<FeedSource> feeds = ingest.feeds().stream().map(f -> {
      String id = f.id() == null || f.id().isBlank() ? feedId(f.url()) : f.id();
      FeedSource before = existing.get(id);
      return FeedSource.newBuilder()
          .setId(id)
          .setUrl(f.url())
          .setIntervalSeconds(f.intervalSeconds() == null ? ingest.defaultIntervalSeconds() : f.intervalSeconds())
          .setOfficial(Boolean.TRUE.equals(f.official()))
          .setAddedAt(before != null ? before.getAddedAt() : clock.instant())
          .build();
    }).filter(f -> !f.equals(existing.get(f.getId()))).toList();
    write(kafka, topics, Topic.FEEDS, feeds.stream().map(f -> new Keyed<>(f.getId(), f)).toList());
  }

  public static void seedRules(KafkaProperties kafka, Topics topics, List<AlertRule> rules) {
    if (rules.isEmpty()) {
      return;
    }
    Map<String, AlertRule> existing = CompactedTopicReader.read(kafka, topics.name(Topic.ALERT_RULES),
        Topics.valueSerde(AlertRule.class).deserializer());
    write(kafka, topics, Topic.ALERT_RULES, rules.stream()
        .filter(r -> !r.equals(existing.get(r.getId())))
        .map(r -> new Keyed<>(r.getId(), r)).toList());
  }

  /** A feed's id when the configuration gives none: stable for the same URL. */
  public static String feedId(String url) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return "feed-" + HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  record Keyed<T extends SpecificRecord>(String key, T value) {}

  static <T extends SpecificRecord> void write(KafkaProperties kafka, Topics topics, Topic topic, List<Keyed<T>> records) {
    if (records.isEmpty()) {
      return;
    }
    String name = topics.name(topic);
    try (var producer = new KafkaProducer<String, byte[]>(kafka.producer("chipwatch-seeder", null),
        new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      for (Keyed<T> r : records) {
        producer.send(topics.record(topic, r.key(), r.value())).get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write to " + name + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to " + name, e);
    }
  }
}
