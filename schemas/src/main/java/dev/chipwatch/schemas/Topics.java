package dev.chipwatch.schemas;

import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.Article;
import dev.chipwatch.schemas.avro.DeadLetter;
import dev.chipwatch.schemas.avro.ExportStatus;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import dev.chipwatch.schemas.avro.FeedCursor;
import dev.chipwatch.schemas.avro.FeedSource;
import dev.chipwatch.schemas.avro.MarketCap;
import dev.chipwatch.schemas.avro.MarketQuote;
import dev.chipwatch.schemas.avro.Notification;
import dev.chipwatch.schemas.avro.Silence;
import dev.chipwatch.schemas.avro.TaggedArticle;
import dev.chipwatch.schemas.avro.ThresholdCrossing;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Every Chipwatch topic: name (under a configurable prefix), value type, partitions, cleanup. */
public final class Topics {
  public static final String DEFAULT_PREFIX = "chipwatch.";

  /** The topic map of DESIGN.md. Keys are strings everywhere. */
  public enum Topic {
    FEEDS("feeds", FeedSource.class, 3, true),
    ARTICLES_RAW("articles.raw", Article.class, 3, false),
    MARKET_QUOTES("market.quotes", MarketQuote.class, 1, false),
    ARTICLES_TAGGED("articles.tagged", TaggedArticle.class, 3, false),
    EXPORT_STATUS("export-status", ExportStatus.class, 3, true),
    EXPORT_STATUS_CHANGES("export-status.changes", ExportStatusChange.class, 3, false),
    MARKET_CAP("market-cap", MarketCap.class, 1, true),
    MARKET_CAP_CROSSINGS("market-cap.crossings", ThresholdCrossing.class, 1, false),
    ALERT_RULES("alert-rules", AlertRule.class, 1, true),
    ALERTS("alerts", Alert.class, 3, false),
    DLQ("dlq", DeadLetter.class, 1, false),
    /** Ingest's per-feed cursors (ETag, seen item ids), advanced in the same transaction as the articles. */
    INGEST_CURSORS("ingest.cursors", FeedCursor.class, 3, true),
    /** What alerts delivery sent where, so a restart does not send again. */
    NOTIFICATIONS_LOG("notifications.log", Notification.class, 3, true),
    /** Silences: notifications of matching alerts are muted until the silence ends. */
    SILENCES("silences", Silence.class, 1, true),
    /** The alerts again as CloudEvents JSON (structured mode), for consumers without Avro; empty unless enabled. */
    ALERTS_CLOUDEVENTS("alerts.cloudevents", null, 3, false);

    private final String suffix;
    private final Class<? extends SpecificRecord> valueType;
    private final int partitions;
    private final boolean compacted;

    Topic(String suffix, Class<? extends SpecificRecord> valueType, int partitions, boolean compacted) {
      this.suffix = suffix;
      this.valueType = valueType;
      this.partitions = partitions;
      this.compacted = compacted;
    }

    public String suffix() {
      return suffix;
    }

    /** The Avro record type of the values; null for a topic whose values are JSON. */
    public Class<? extends SpecificRecord> valueType() {
      return valueType;
    }

    public int partitions() {
      return partitions;
    }

    public boolean compacted() {
      return compacted;
    }
  }

  private final String prefix;

  public Topics(String prefix) {
    if (prefix == null || !prefix.matches("[a-zA-Z0-9._-]*")) {
      throw new IllegalArgumentException("topic prefix may hold only letters, digits, '.', '_' and '-': " + prefix);
    }
    this.prefix = prefix;
  }

  public static Topics withDefaultPrefix() {
    return new Topics(DEFAULT_PREFIX);
  }

  public String prefix() {
    return prefix;
  }

  public String name(Topic topic) {
    return prefix + topic.suffix();
  }

  public static Serde<String> keySerde() {
    return Serdes.String();
  }

  public static <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
    return AvroSerdes.serde(type);
  }

  /** A record for a plain byte-valued producer, its value encoded with the topic's serde. */
  public <T extends SpecificRecord> ProducerRecord<String, byte[]> record(Topic topic, String key, T value) {
    String name = name(topic);
    if (value == null) {
      return new ProducerRecord<>(name, key, null);
    }
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) value.getClass();
    return new ProducerRecord<>(name, key, valueSerde(type).serializer().serialize(name, value));
  }

  /** Topic definitions to create, with the given replication factor. */
  public List<NewTopic> newTopics(short replicationFactor) {
    return Arrays.stream(Topic.values()).map(t -> newTopic(t, replicationFactor)).toList();
  }

  public NewTopic newTopic(Topic topic, short replicationFactor) {
    Map<String, String> configs = topic.compacted()
        ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
        : Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
    return new NewTopic(name(topic), topic.partitions(), replicationFactor).configs(configs);
  }
}
