package dev.chipwatch.app.bench;

import dev.chipwatch.alerts.rules.RuleEvaluator;
import dev.chipwatch.alerts.rules.StatusInheritance;
import dev.chipwatch.alerts.topology.AlertsTopology;
import dev.chipwatch.enrich.tagging.Taxonomy;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.Direction;
import dev.chipwatch.schemas.avro.EventType;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import dev.chipwatch.schemas.avro.RuleKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Rule evaluation throughput on one thread: export-status changes against a thousand-odd rules, in
 * the evaluator alone and through the alerts topology (rule store scan, dedup store, Avro).
 */
public final class RuleThroughput {
  /**
   * Changes per second of wall-clock time and per second of this thread's CPU time (what one core
   * does, whatever else the machine runs), and how many alerts they raised.
   */
  public record Result(double changesPerSecond, double changesPerCpuSecond, long alerts) {}

  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  private static final List<String> DESTINATIONS = List.of("CN", "AE", "SA", "RU", "IN", "MY", "SG", "VN", "EU", "*");

  private final Taxonomy taxonomy;
  private final List<AlertRule> rules;
  private final List<ExportStatusChange> changes;

  public RuleThroughput(Taxonomy taxonomy, int ruleCount, int changeCount) {
    this.taxonomy = taxonomy;
    Random random = new Random(42);
    List<String> items = new ArrayList<>(taxonomy.chips().keySet());
    items.sort(Comparator.naturalOrder());
    List<String> vendors = new ArrayList<>(taxonomy.vendors().keySet());
    vendors.sort(Comparator.naturalOrder());
    this.rules = rules(ruleCount, items, vendors, random);
    this.changes = new ArrayList<>();
    Instant at = Instant.parse("2025-04-15T00:00:00Z");
    for (int i = 0; i < changeCount; i++) {
      String destination = DESTINATIONS.get(random.nextInt(DESTINATIONS.size() - 1));
      changes.add(ExportStatusChange.newBuilder().setItem(items.get(random.nextInt(items.size())))
          .setDestination(destination).setFrom(ExportStatusValue.ALLOWED).setTo(ExportStatusValue.BANNED)
          .setAt(at.plusSeconds(i)).setEventType(EventType.EXPORT_BAN).setEvidence("Evidence sentence " + i + ".")
          .setLinks(List.of("https://bench.example/" + i)).setTitles(List.of("Title " + i)).setFirstSeenAt(at).build());
    }
  }

  /** Mostly narrow export-status rules (one or a few items, a destination), some market-cap and event rules. */
  private static List<AlertRule> rules(int count, List<String> items, List<String> vendors, Random random) {
    List<AlertRule> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      AlertRule.Builder rule = AlertRule.newBuilder().setId("bench-" + i).setReceivers(List.of("console"));
      int kind = i % 10;
      if (kind < 7) {
        // a watch list entry: mostly one chip to one country, sometimes a whole vendor or everywhere
        rule.setKind(RuleKind.EXPORT_STATUS)
            .setItems(List.of(random.nextInt(20) == 0 ? vendors.get(random.nextInt(vendors.size()))
                : items.get(random.nextInt(items.size()))))
            .setDestinations(List.of(random.nextInt(30) == 0 ? "*"
                : DESTINATIONS.get(random.nextInt(DESTINATIONS.size() - 1))));
      } else if (kind < 9) {
        rule.setKind(RuleKind.MARKET_CAP).setVendors(List.of(vendors.get(random.nextInt(vendors.size()))))
            .setThresholdsUsd(List.of((1 + random.nextInt(9)) * 1e12)).setDirection(Direction.UP);
      } else {
        rule.setKind(RuleKind.POLICY_EVENT).setEventTypes(List.of(EventType.EXPORT_BAN))
            .setDestinations(List.of("CN"));
      }
      out.add(rule.build());
    }
    return out;
  }

  /** The evaluator alone, as the topology calls it. */
  public Result evaluator(Duration warmUp) {
    RuleEvaluator evaluator = new RuleEvaluator(taxonomy::ancestors, Clock.systemUTC());
    long deadline = System.nanoTime() + warmUp.toNanos();
    for (int i = 0; System.nanoTime() < deadline; i++) {
      evaluator.onStatusChange(rules, changes.get(i % changes.size()));
    }
    long alerts = 0;
    long start = System.nanoTime();
    long cpu = THREADS.getCurrentThreadCpuTime();
    for (ExportStatusChange change : changes) {
      alerts += evaluator.onStatusChange(rules, change).size();
    }
    return result(start, cpu, alerts);
  }

  /** Through the alerts topology in Kafka Streams' test driver: rule store scan, dedup store, Avro in and out. */
  public Result topology(Duration warmUp) {
    Path state;
    try {
      state = Files.createTempDirectory("chipwatch-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Topics topics = Topics.withDefaultPrefix();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "chipwatch-bench");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "bench:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    RuleEvaluator evaluator = new RuleEvaluator(taxonomy::ancestors, Clock.systemUTC());
    try (TopologyTestDriver driver = new TopologyTestDriver(
        AlertsTopology.build(topics, evaluator, new StatusInheritance(taxonomy::ancestors, taxonomy::descendants),
            new SimpleMeterRegistry(), false), props)) {
      var ruleIn = driver.createInputTopic(topics.name(Topic.ALERT_RULES), Topics.keySerde().serializer(),
          Topics.valueSerde(AlertRule.class).serializer());
      rules.forEach(r -> ruleIn.pipeInput(r.getId(), r));
      var in = driver.createInputTopic(topics.name(Topic.EXPORT_STATUS_CHANGES), Topics.keySerde().serializer(),
          Topics.valueSerde(ExportStatusChange.class).serializer());
      var out = driver.createOutputTopic(topics.name(Topic.ALERTS), Topics.keySerde().deserializer(),
          new org.apache.kafka.common.serialization.ByteArrayDeserializer());
      // warm up on changes shifted in time, so the measured ones are new to the dedup store
      long deadline = System.nanoTime() + warmUp.toNanos();
      for (int i = 0; System.nanoTime() < deadline; i++) {
        ExportStatusChange c = ExportStatusChange.newBuilder(changes.get(i % changes.size()))
            .setAt(Instant.parse("2020-01-01T00:00:00Z").plusSeconds(i)).build();
        in.pipeInput(c.getItem() + "|" + c.getDestination(), c);
        if (i % 1000 == 0) {
          out.readRecordsToList();
        }
      }
      out.readRecordsToList();
      long alerts = 0;
      long start = System.nanoTime();
      long cpu = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < changes.size(); i++) {
        ExportStatusChange c = changes.get(i);
        in.pipeInput(c.getItem() + "|" + c.getDestination(), c);
        if (i % 1000 == 999) {
          alerts += out.readRecordsToList().size();
        }
      }
      alerts += out.readRecordsToList().size();
      return result(start, cpu, alerts);
    } finally {
      try (var files = Files.walk(state)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temp directory left behind is harmless
      }
    }
  }

  public int rules() {
    return rules.size();
  }

  private Result result(long startNanos, long startCpuNanos, long alerts) {
    return new Result(changes.size() / seconds(System.nanoTime() - startNanos),
        changes.size() / seconds(THREADS.getCurrentThreadCpuTime() - startCpuNanos), alerts);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
