package dev.chipwatch.app.it;

import static org.junit.jupiter.api.Assertions.fail;

import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.config.ConfigLoader;
import dev.chipwatch.app.runtime.ChipwatchProcess;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.EventType;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the alerts ITs share: a config file, changes into the pipeline, records out, polling waits. */
final class AlertsHarness {
  static final Instant APRIL = Instant.parse("2025-04-15T22:30:00Z");

  private AlertsHarness() {}

  /** A config on the given broker (or an embedded one on free ports when null), with a rule file unless null. */
  static ChipwatchConfig config(Path dir, String bootstrap, String rulesYaml, String alertsYaml) throws Exception {
    return new ConfigLoader().load(configFile(dir, bootstrap, rulesYaml, alertsYaml), Map.of(), Map.of());
  }

  static Path configFile(Path dir, String bootstrap, String rulesYaml, String alertsYaml) throws Exception {
    String rules = "\"\"";
    if (rulesYaml != null) {
      Path path = dir.resolve("rules.yaml");
      Files.writeString(path, rulesYaml);
      rules = path.toString();
    }
    Path file = dir.resolve("chipwatch.yaml");
    Files.writeString(file, """
        dataDir: %s
        kafka:
          bootstrapServers: "%s"
          embedded: {port: 0, controllerPort: 0}
        metrics:
          port: 0
        alerts:
          defaultRules: false
          rulesFile: %s
          retry: {initialDelayMillis: 200, maxDelayMillis: 1000, maxAttempts: 100, maxElapsedMinutes: 10}
        %s
        """.formatted(dir.resolve("data"), bootstrap == null ? "" : bootstrap, rules,
        alertsYaml.strip().indent(2).stripTrailing()));
    return file;
  }

  /** A status change of an item to a destination; {@code n} makes each one distinct (its time). */
  static ExportStatusChange change(String item, String destination, int n) {
    ExportStatusValue from = n % 2 == 0 ? ExportStatusValue.ALLOWED : ExportStatusValue.BANNED;
    ExportStatusValue to = n % 2 == 0 ? ExportStatusValue.BANNED : ExportStatusValue.ALLOWED;
    Instant at = APRIL.plus(Duration.ofHours(n));
    return ExportStatusChange.newBuilder().setItem(item).setDestination(destination).setFrom(from).setTo(to).setAt(at)
        .setEventType(to == ExportStatusValue.BANNED ? EventType.EXPORT_BAN : EventType.EXPORT_ALLOWED)
        .setArticleIds(List.of("article-" + n)).setLinks(List.of("https://it.example/" + n))
        .setTitles(List.of("Change " + n)).setEvidence("Evidence " + n + ".").setFirstSeenAt(Instant.now()).build();
  }

  static void send(ChipwatchProcess process, List<ExportStatusChange> changes) {
    try (var producer = new KafkaProducer<>(process.kafka().producer("it-changes", null), new StringSerializer(),
        new ByteArraySerializer())) {
      for (ExportStatusChange c : changes) {
        producer.send(process.topics().record(Topic.EXPORT_STATUS_CHANGES, c.getItem() + "|" + c.getDestination(), c));
      }
    }
  }

  /** Every record of a topic as it is now, values decoded with its Avro type. */
  static <T extends SpecificRecord> List<T> readAll(ChipwatchProcess process, Topic topic, Class<T> type) {
    List<T> values = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : records(process, topic)) {
      values.add(Topics.valueSerde(type).deserializer().deserialize(r.topic(), r.value()));
    }
    return values;
  }

  static List<ConsumerRecord<String, byte[]>> records(ChipwatchProcess process, Topic topic) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(process.kafka().consumer("it-reader", null), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      String name = process.topics().name(topic);
      List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
          .map(p -> new TopicPartition(name, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** Polls until the condition holds; fails with {@code what} after the timeout. */
  static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not within " + timeout.toSeconds() + " s: " + what);
      }
      Thread.sleep(100);
    }
  }
}
