package dev.chipwatch.alerts.rules;

import static dev.chipwatch.alerts.rules.Fixtures.rule;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chipwatch.schemas.avro.Direction;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import dev.chipwatch.schemas.avro.RuleKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleValidatorTest {

  final RuleValidator validator = new RuleValidator();

  @Test
  void defaultRulesAreValid() {
    assertDoesNotThrow(() -> validator.check(DefaultRules.get()));
  }

  @Test
  void programmaticRulesAreCheckedToo() {
    var rule = rule("bad id!", RuleKind.EXPORT_STATUS)
        .setItems(new ArrayList<>(List.of("Nvidia H20")))
        .setStatuses(new ArrayList<>(List.of(ExportStatusValue.UNKNOWN)))
        .setDirection(Direction.UP)
        .setMinConfidence(0.5)
        .setReceivers(new ArrayList<>(List.of("slack team")))
        .build();
    List<String> problems = validator.problems(rule);
    assertEquals(List.of(
        "rule 'bad id!': id must be 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
        "rule 'bad id!': bad receiver name 'slack team'",
        "rule 'bad id!': field 'direction' does not apply to EXPORT_STATUS rules",
        "rule 'bad id!': field 'minConfidence' does not apply to EXPORT_STATUS rules",
        "rule 'bad id!': bad item id 'Nvidia H20' (lowercase taxonomy id such as nvidia-h20, or *)",
        "rule 'bad id!': status UNKNOWN can never be a change's target (ALLOWED, RESTRICTED or BANNED)"),
        problems);
  }

  @Test
  void confidenceOutsideZeroToOneAndHugeThresholds() {
    var policy = rule("p", RuleKind.POLICY_EVENT).setMinConfidence(1.5).build();
    var cap = rule("c", RuleKind.MARKET_CAP).setThresholdsUsd(new ArrayList<>(List.of(5e15, Double.NaN))).build();
    assertEquals(List.of("rule 'p': minConfidence 1.5 is outside 0..1"), validator.problems(policy));
    assertEquals(List.of("rule 'c': bad threshold $5000T: above $100T, no company is worth that",
        "rule 'c': bad threshold NaN: must be a positive amount of US dollars"), validator.problems(cap));
  }

  @Test
  void checkThrowsWithEveryReason() {
    var noReceivers = rule("a", RuleKind.EXPORT_STATUS).setReceivers(new ArrayList<>()).build();
    var ok = rule("b", RuleKind.EXPORT_STATUS).build();
    var e = assertThrows(InvalidRulesException.class, () -> validator.check(List.of(ok, noReceivers, ok)));
    assertEquals(2, e.reasons().size());
  }

  @Test
  void receiversMustBeConfigured() {
    var rule = rule("h20", RuleKind.EXPORT_STATUS)
        .setReceivers(new ArrayList<>(List.of("console", "team-slak")))
        .build();
    assertEquals(List.of("rule 'h20': receiver 'team-slak' is not configured (known: [console, team-slack])"),
        validator.unknownReceivers(List.of(rule), java.util.Set.of("console", "team-slack")));
    assertEquals(List.of(), validator.unknownReceivers(DefaultRules.get(), java.util.Set.of("console")));
  }
}
