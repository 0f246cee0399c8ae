package dev.chipwatch.alerts.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.alerts.rules.RuleEvaluator;
import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.Direction;
import dev.chipwatch.schemas.avro.EventType;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import dev.chipwatch.schemas.avro.RuleKind;
import dev.chipwatch.schemas.avro.Silence;
import dev.chipwatch.schemas.avro.ThresholdCrossing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilenceBookTest {
  private static final Instant NOW = Instant.parse("2025-07-15T09:00:00Z");

  @Test
  void everyMatcherMustHoldAndACommaListMatchesAnyOfItsValues() {
    Map<String, String> labels = Map.of("item", "nvidia-h20,amd-mi308", "destination", "CN");
    assertTrue(SilenceBook.matches(Map.of("item", "amd-mi308"), labels));
    assertTrue(SilenceBook.matches(Map.of("item", "nvidia-h20", "destination", "CN"), labels));
    assertFalse(SilenceBook.matches(Map.of("item", "nvidia-h20", "destination", "AE"), labels));
    assertFalse(SilenceBook.matches(Map.of("vendor", "nvidia"), labels));
    assertFalse(SilenceBook.matches(Map.of(), labels), "an empty silence mutes nothing");
  }

  @Test
  void aSilenceAppliesFromItsStartUntilItsEnd() {
    SilenceBook book = new SilenceBook();
    book.put("s", Silence.newBuilder().setId("s").setMatchers(Map.of("rule", "r1"))
        .setStartsAt(NOW).setEndsAt(NOW.plus(Duration.ofHours(2))).build());
    Alert alert = alert(Map.of("rule", "r1"));
    assertTrue(book.silencing(alert, NOW).isPresent());
    assertTrue(book.silencing(alert, NOW.plus(Duration.ofMinutes(119))).isPresent());
    assertFalse(book.silencing(alert, NOW.plus(Duration.ofHours(2))).isPresent());
    assertFalse(book.silencing(alert, NOW.minusSeconds(1)).isPresent());
    book.put("s", null);
    assertFalse(book.silencing(alert, NOW).isPresent());
  }

  @Test
  void matchersOnLabelsNoAlertCarriesAreRefused() {
    assertEquals(List.of("unknown label 'vender' (alerts carry " + SilenceBook.LABELS.stream().sorted().toList() + ")"),
        SilenceBook.problems(Map.of("vender", "nvidia")));
    assertEquals(List.of("at least one label=value matcher is needed"), SilenceBook.problems(Map.of()));
  }

  @Test
  void theLabelsTheEvaluatorWritesAreTheOnesSilencesMayMatch() {
    RuleEvaluator evaluator = new RuleEvaluator(id -> List.of("nvidia"), Clock.systemUTC());
    AlertRule status = AlertRule.newBuilder().setId("s").setKind(RuleKind.EXPORT_STATUS).setReceivers(List.of("console")).build();
    AlertRule cap = AlertRule.newBuilder().setId("c").setKind(RuleKind.MARKET_CAP).setReceivers(List.of("console")).build();
    Alert onChange = evaluator.onStatusChange(List.of(status), ExportStatusChange.newBuilder().setItem("nvidia-h20")
        .setDestination("CN").setFrom(ExportStatusValue.BANNED).setTo(ExportStatusValue.ALLOWED).setAt(NOW)
        .setEventType(EventType.EXPORT_ALLOWED).setFirstSeenAt(NOW).build()).get(0);
    Alert onCrossing = evaluator.onCrossing(List.of(cap), ThresholdCrossing.newBuilder().setVendor("nvidia")
        .setThresholdUsd(4e12).setDirection(Direction.UP).setPreviousUsd(3.9e12).setUsd(4.1e12).setAt(NOW)
        .setSource("s").build()).get(0);
    assertTrue(SilenceBook.LABELS.containsAll(onChange.getLabels().keySet()), onChange.getLabels().toString());
    assertTrue(SilenceBook.LABELS.containsAll(onCrossing.getLabels().keySet()), onCrossing.getLabels().toString());
  }

  private static Alert alert(Map<String, String> labels) {
    return Alert.newBuilder().setId("a").setRuleId("r1").setRuleKind(RuleKind.EXPORT_STATUS)
        .setSeverity(dev.chipwatch.schemas.avro.Severity.INFO).setTitle("t").setText("x").setSubject("s")
        .setLabels(labels).setOccurredAt(NOW).setFirstSeenAt(NOW).setRaisedAt(NOW).build();
  }
}
