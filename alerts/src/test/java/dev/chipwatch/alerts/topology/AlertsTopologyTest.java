package dev.chipwatch.alerts.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.alerts.rules.DefaultRules;
import dev.chipwatch.alerts.rules.RuleEvaluator;
import dev.chipwatch.alerts.rules.StatusInheritance;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.Direction;
import dev.chipwatch.schemas.avro.EventType;
import dev.chipwatch.schemas.avro.ExportStatus;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import dev.chipwatch.schemas.avro.RuleKind;
import dev.chipwatch.schemas.avro.ThresholdCrossing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertsTopologyTest {
  private static final Instant JULY = Instant.parse("2025-07-15T04:10:00Z");
  private final Topics topics = Topics.withDefaultPrefix();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, AlertRule> rules;
  private TestInputTopic<String, ExportStatusChange> changes;
  private TestInputTopic<String, ThresholdCrossing> crossings;
  private TestOutputTopic<String, Alert> alerts;
  private TestInputTopic<String, ExportStatus> table;

  @BeforeEach
  void start() {
    Map<String, List<String>> ancestors = Map.of("nvidia-b200", List.of("nvidia-blackwell", "nvidia"),
        "nvidia-h20", List.of("nvidia-hopper", "nvidia"));
    RuleEvaluator evaluator = new RuleEvaluator(id -> ancestors.getOrDefault(id, List.of()),
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    Map<String, List<String>> descendants = Map.of("nvidia-blackwell", List.of("nvidia-b200"),
        "nvidia", List.of("nvidia-blackwell", "nvidia-b200", "nvidia-h20"));
    Topology topology = AlertsTopology.build(topics, evaluator,
        new StatusInheritance(id -> ancestors.getOrDefault(id, List.of()), id -> descendants.getOrDefault(id, List.of())),
        registry, false);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerts-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
    driver = new TopologyTestDriver(topology, props);
    rules = driver.createInputTopic(topics.name(Topic.ALERT_RULES), Topics.keySerde().serializer(),
        Topics.valueSerde(AlertRule.class).serializer());
    changes = driver.createInputTopic(topics.name(Topic.EXPORT_STATUS_CHANGES), Topics.keySerde().serializer(),
        Topics.valueSerde(ExportStatusChange.class).serializer());
    crossings = driver.createInputTopic(topics.name(Topic.MARKET_CAP_CROSSINGS), Topics.keySerde().serializer(),
        Topics.valueSerde(ThresholdCrossing.class).serializer());
    table = driver.createInputTopic(topics.name(Topic.EXPORT_STATUS), Topics.keySerde().serializer(),
        Topics.valueSerde(ExportStatus.class).serializer());
    alerts = driver.createOutputTopic(topics.name(Topic.ALERTS), Topics.keySerde().deserializer(),
        Topics.valueSerde(Alert.class).deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void noRulesNoAlerts() {
    changes.pipeInput("nvidia-h20|CN", change("nvidia-h20", ExportStatusValue.BANNED, ExportStatusValue.ALLOWED));
    assertTrue(alerts.isEmpty());
  }

  @Test
  void statusChangeRaisesOneAlertPerMatchingRuleKeyedByRule() {
    DefaultRules.get().forEach(r -> rules.pipeInput(r.getId(), r));
    changes.pipeInput("nvidia-h20|CN", change("nvidia-h20", ExportStatusValue.BANNED, ExportStatusValue.ALLOWED));
    var out = alerts.readKeyValuesToList();
    assertEquals(1, out.size());
    assertEquals(DefaultRules.EVERY_EXPORT_STATUS_CHANGE, out.get(0).key);
    assertEquals("nvidia-h20|CN", out.get(0).value.getSubject());
    assertEquals("ALLOWED", out.get(0).value.getNewState());
  }

  @Test
  void theSameChangeTwiceRaisesOneAlert() {
    DefaultRules.get().forEach(r -> rules.pipeInput(r.getId(), r));
    ExportStatusChange c = change("nvidia-h20", ExportStatusValue.BANNED, ExportStatusValue.ALLOWED);
    changes.pipeInput("nvidia-h20|CN", c);
    changes.pipeInput("nvidia-h20|CN", c);
    assertEquals(1, alerts.readValuesToList().size());
    assertEquals(1.0, registry.counter("chipwatch.alerts.duplicates.suppressed").count());
  }

  @Test
  void familyRuleMatchesMemberAndRemovedRuleStopsMatching() {
    AlertRule blackwell = AlertRule.newBuilder().setId("blackwell-cn").setKind(RuleKind.EXPORT_STATUS)
        .setItems(List.of("nvidia-blackwell")).setDestinations(List.of("CN")).setReceivers(List.of("console")).build();
    rules.pipeInput(blackwell.getId(), blackwell);
    changes.pipeInput("nvidia-b200|CN", change("nvidia-b200", ExportStatusValue.UNKNOWN, ExportStatusValue.BANNED));
    changes.pipeInput("nvidia-h20|CN", change("nvidia-h20", ExportStatusValue.BANNED, ExportStatusValue.ALLOWED));
    List<Alert> raised = alerts.readValuesToList();
    assertEquals(1, raised.size());
    assertEquals("nvidia-b200|CN", raised.get(0).getSubject());

    rules.pipeInput(blackwell.getId(), null);
    changes.pipeInput("nvidia-b200|CN", change("nvidia-b200", ExportStatusValue.BANNED, ExportStatusValue.ALLOWED));
    assertTrue(alerts.isEmpty());
  }

  @Test
  void crossingRaisesMarketCapAlert() {
    DefaultRules.get().forEach(r -> rules.pipeInput(r.getId(), r));
    crossings.pipeInput("nvidia", ThresholdCrossing.newBuilder().setVendor("nvidia").setThresholdUsd(4e12)
        .setDirection(Direction.UP).setPreviousUsd(3.89e12).setUsd(4.02e12).setAt(JULY).setSource("scripted").build());
    List<Alert> raised = alerts.readValuesToList();
    assertEquals(1, raised.size());
    assertEquals(RuleKind.MARKET_CAP, raised.get(0).getRuleKind());
    assertEquals("UP", raised.get(0).getLabels().get("direction"));
  }

  @Test
  void aRuleNamingAMemberHearsOfItsFamilysChangeUnlessTheMemberIsNewer() {
    AlertRule b200 = AlertRule.newBuilder().setId("b200-cn").setKind(RuleKind.EXPORT_STATUS)
        .setItems(List.of("nvidia-b200")).setDestinations(List.of("CN")).setReceivers(List.of("console")).build();
    rules.pipeInput(b200.getId(), b200);
    changes.pipeInput("nvidia-blackwell|CN", change("nvidia-blackwell", ExportStatusValue.UNKNOWN, ExportStatusValue.BANNED));
    List<Alert> raised = alerts.readValuesToList();
    assertEquals(1, raised.size());
    assertEquals("nvidia-b200|CN", raised.get(0).getSubject());
    assertEquals("BANNED", raised.get(0).getNewState());

    table.pipeInput("nvidia-b200|CN", ExportStatus.newBuilder().setItem("nvidia-b200").setDestination("CN")
        .setStatus(ExportStatusValue.ALLOWED).setSince(JULY.plusSeconds(3600)).setArticleId("own").build());
    changes.pipeInput("nvidia-blackwell|CN", change("nvidia-blackwell", ExportStatusValue.BANNED, ExportStatusValue.ALLOWED));
    assertTrue(alerts.isEmpty(), "the B200's own newer status wins over its family's");
  }

  @Test
  void theEffectiveStatusGaugeResolvesInheritance() {
    table.pipeInput("nvidia-blackwell|CN", ExportStatus.newBuilder().setItem("nvidia-blackwell").setDestination("CN")
        .setStatus(ExportStatusValue.BANNED).setSince(JULY).setArticleId("a").build());
    assertEquals(3.0, effective("nvidia-b200"), "B200 inherits Blackwell's BANNED");
    table.pipeInput("nvidia-b200|CN", ExportStatus.newBuilder().setItem("nvidia-b200").setDestination("CN")
        .setStatus(ExportStatusValue.ALLOWED).setSince(JULY.plusSeconds(60)).setArticleId("b").build());
    assertEquals(1.0, effective("nvidia-b200"));
    table.pipeInput("nvidia|CN", ExportStatus.newBuilder().setItem("nvidia").setDestination("CN")
        .setStatus(ExportStatusValue.RESTRICTED).setSince(JULY.plusSeconds(30)).setArticleId("c").build());
    assertEquals(1.0, effective("nvidia-b200"), "an older vendor status does not override the B200's own");
    assertEquals(2.0, effective("nvidia-h20"));
  }

  private double effective(String item) {
    return registry.get("chipwatch.export.status").tag("item", item).tag("destination", "CN").gauge().value();
  }

  @Test
  void aCatchAllRuleHearsOfTheFamilyOnlyOnce() {
    DefaultRules.get().forEach(r -> rules.pipeInput(r.getId(), r));
    changes.pipeInput("nvidia-blackwell|CN", change("nvidia-blackwell", ExportStatusValue.UNKNOWN, ExportStatusValue.BANNED));
    assertEquals(1, alerts.readValuesToList().size());
  }

  @Test
  void cloudEventsTwinCarriesEveryAlertAsJsonWithItsContentType() throws Exception {
    driver.close();
    RuleEvaluator evaluator = new RuleEvaluator(id -> List.of(), Clock.fixed(JULY, ZoneOffset.UTC));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerts-test-ce");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
    driver = new TopologyTestDriver(AlertsTopology.build(topics, evaluator,
        new StatusInheritance(id -> List.of(), id -> List.of()), registry, true), props);
    var ruleIn = driver.createInputTopic(topics.name(Topic.ALERT_RULES), Topics.keySerde().serializer(),
        Topics.valueSerde(AlertRule.class).serializer());
    var changeIn = driver.createInputTopic(topics.name(Topic.EXPORT_STATUS_CHANGES), Topics.keySerde().serializer(),
        Topics.valueSerde(ExportStatusChange.class).serializer());
    var avro = driver.createOutputTopic(topics.name(Topic.ALERTS), Topics.keySerde().deserializer(),
        Topics.valueSerde(Alert.class).deserializer());
    var json = driver.createOutputTopic(topics.name(Topic.ALERTS_CLOUDEVENTS), Topics.keySerde().deserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer());
    DefaultRules.get().forEach(r -> ruleIn.pipeInput(r.getId(), r));
    changeIn.pipeInput("nvidia-h20|CN", change("nvidia-h20", ExportStatusValue.BANNED, ExportStatusValue.ALLOWED));

    Alert alert = avro.readValue();
    var record = json.readRecord();
    var event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(record.value());
    assertEquals(alert.getRuleId(), record.key());
    assertEquals("1.0", event.get("specversion").asText());
    assertEquals(alert.getId(), event.get("id").asText());
    assertEquals("ALLOWED", event.get("data").get("newState").asText());
    assertEquals("application/cloudevents+json; charset=UTF-8",
        new String(record.headers().lastHeader("content-type").value(), java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(json.isEmpty());
  }

  private static ExportStatusChange change(String item, ExportStatusValue from, ExportStatusValue to) {
    return ExportStatusChange.newBuilder().setItem(item).setDestination("CN").setFrom(from).setTo(to).setAt(JULY)
        .setEventType(to == ExportStatusValue.ALLOWED ? EventType.EXPORT_ALLOWED : EventType.EXPORT_BAN)
        .setArticleIds(List.of("a1")).setLinks(List.of("https://example.com/a1")).setTitles(List.of("t"))
        .setEvidence("Evidence sentence.").setFirstSeenAt(JULY).build();
  }
}
