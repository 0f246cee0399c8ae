package dev.chipwatch.alerts.rules;

import static dev.chipwatch.alerts.rules.Fixtures.ANCESTORS;
import static dev.chipwatch.alerts.rules.Fixtures.JULY_15;
import static dev.chipwatch.alerts.rules.Fixtures.SEEN;
import static dev.chipwatch.alerts.rules.Fixtures.article;
import static dev.chipwatch.alerts.rules.Fixtures.change;
import static dev.chipwatch.alerts.rules.Fixtures.crossing;
import static dev.chipwatch.alerts.rules.Fixtures.event;
import static dev.chipwatch.alerts.rules.Fixtures.h20Allowed;
import static dev.chipwatch.alerts.rules.Fixtures.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.Direction;
import dev.chipwatch.schemas.avro.EventType;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import dev.chipwatch.schemas.avro.RuleKind;
import dev.chipwatch.schemas.avro.Severity;
import dev.chipwatch.schemas.avro.TaggedArticle;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

  static final Instant NOW = Instant.parse("2025-07-15T08:00:05Z");
  final RuleEvaluator evaluator = new RuleEvaluator(ANCESTORS, Clock.fixed(NOW, ZoneOffset.UTC));

  static AlertRule exportRule(String id, List<String> items, List<String> destinations,
      List<ExportStatusValue> statuses) {
    return rule(id, RuleKind.EXPORT_STATUS).setItems(new ArrayList<>(items))
        .setDestinations(new ArrayList<>(destinations)).setStatuses(new ArrayList<>(statuses)).build();
  }

  static List<String> ruleIds(List<Alert> alerts) {
    return alerts.stream().map(Alert::getRuleId).toList();
  }

  @Nested
  class ExportStatus {

    @Test
    void starEmptyAndExactItemsMatch() {
      List<AlertRule> rules = List.of(
          exportRule("star", List.of("*"), List.of(), List.of()),
          exportRule("empty", List.of(), List.of(), List.of()),
          exportRule("exact", List.of("nvidia-h20"), List.of(), List.of()),
          exportRule("other-chip", List.of("amd-mi308"), List.of(), List.of()));
      assertEquals(List.of("star", "empty", "exact"), ruleIds(evaluator.onStatusChange(rules, h20Allowed())));
    }

    @Test
    void ruleOnFamilyOrVendorMatchesMemberChange() {
      List<AlertRule> rules = List.of(
          exportRule("family", List.of("nvidia-blackwell"), List.of(), List.of()),
          exportRule("vendor", List.of("nvidia"), List.of(), List.of()),
          exportRule("other-family", List.of("nvidia-hopper"), List.of(), List.of()),
          exportRule("member-of-changed", List.of("nvidia-b200"), List.of(), List.of()));
      var b200 = change("nvidia-b200", "CN", ExportStatusValue.ALLOWED, ExportStatusValue.BANNED, JULY_15);
      assertEquals(List.of("family", "vendor", "member-of-changed"), ruleIds(evaluator.onStatusChange(rules, b200)));

      // A family change does not match a rule on one of its members: inheritance goes downwards only.
      var family = change("nvidia-blackwell", "CN", ExportStatusValue.ALLOWED, ExportStatusValue.BANNED, JULY_15);
      assertEquals(List.of("family", "vendor"), ruleIds(evaluator.onStatusChange(rules, family)));
    }

    @Test
    void destinationsAndTargetStatusesFilter() {
      List<AlertRule> rules = List.of(
          exportRule("china", List.of(), List.of("CN"), List.of()),
          exportRule("china-lowercase", List.of(), List.of("cn"), List.of()),
          exportRule("gulf", List.of(), List.of("SA", "AE"), List.of()),
          exportRule("to-allowed", List.of(), List.of(), List.of(ExportStatusValue.ALLOWED)),
          exportRule("to-banned", List.of(), List.of(), List.of(ExportStatusValue.BANNED, ExportStatusValue.RESTRICTED)));
      assertEquals(List.of("china", "china-lowercase", "to-allowed"), ruleIds(evaluator.onStatusChange(rules, h20Allowed())));
    }

    @Test
    void otherKindsAreIgnored() {
      List<AlertRule> rules = List.of(rule("cap", RuleKind.MARKET_CAP).build(),
          rule("policy", RuleKind.POLICY_EVENT).build());
      assertTrue(evaluator.onStatusChange(rules, h20Allowed()).isEmpty());
    }

    @Test
    void alertCarriesEverythingAReaderNeeds() {
      AlertRule rule = rule("h20", RuleKind.EXPORT_STATUS).setItems(new ArrayList<>(List.of("nvidia")))
          .setSeverity(Severity.CRITICAL).setReceivers(new ArrayList<>(List.of("slack-team", "email-ops"))).build();
      Alert alert = evaluator.onStatusChange(List.of(rule), h20Allowed()).get(0);

      assertEquals("Nvidia H20 → China: BANNED → ALLOWED", alert.getTitle());
      assertTrue(alert.getText().contains("Export status of Nvidia H20 to China changed from BANNED to ALLOWED"), alert.getText());
      assertTrue(alert.getText().contains("2025-07-15 08:00 UTC"), alert.getText());
      assertTrue(alert.getText().contains("US to allow H20 sales to China — https://news.example/h20"), alert.getText());
      assertEquals(List.of("The US will allow Nvidia to sell its H20 chips to China."), alert.getEvidence());
      assertEquals(List.of("https://news.example/h20"), alert.getLinks());
      assertEquals("nvidia-h20|CN", alert.getSubject());
      assertEquals("BANNED", alert.getPreviousState());
      assertEquals("ALLOWED", alert.getNewState());
      assertEquals(Severity.CRITICAL, alert.getSeverity());
      assertEquals(RuleKind.EXPORT_STATUS, alert.getRuleKind());
      assertEquals(List.of("slack-team", "email-ops"), alert.getReceivers());
      assertEquals("nvidia-h20", alert.getLabels().get("item"));
      assertEquals("CN", alert.getLabels().get("destination"));
      assertEquals("nvidia", alert.getLabels().get("vendor"));
      assertEquals("EXPORT_STATUS", alert.getLabels().get("kind"));
      assertEquals(JULY_15, alert.getOccurredAt());
      assertEquals(SEEN, alert.getFirstSeenAt());
      assertEquals(NOW, alert.getRaisedAt());
    }
  }

  @Nested
  class DeterministicIds {

    final AlertRule star = exportRule("star", List.of("*"), List.of(), List.of());

    @Test
    void sameChangeTwiceGivesSameIdEvenLater() {
      var later = new RuleEvaluator(ANCESTORS, Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
      Alert first = evaluator.onStatusChange(List.of(star), h20Allowed()).get(0);
      Alert again = later.onStatusChange(List.of(star), h20Allowed()).get(0);
      assertEquals(first.getId(), again.getId());
      assertNotEquals(first.getRaisedAt(), again.getRaisedAt());
    }

    @Test
    void idIsSha256OfRuleKeyAndTransition() {
      Alert alert = evaluator.onStatusChange(List.of(star), h20Allowed()).get(0);
      String expected = AlertIds.sha256Hex("star\nnvidia-h20|CN\nBANNED->ALLOWED@" + JULY_15.toEpochMilli());
      assertEquals(expected, alert.getId());
      assertTrue(alert.getId().matches("[0-9a-f]{64}"));
    }

    @Test
    void differentTransitionTimeOrRuleGivesDifferentId() {
      String id = evaluator.onStatusChange(List.of(star), h20Allowed()).get(0).getId();
      var backAgain = change("nvidia-h20", "CN", ExportStatusValue.ALLOWED, ExportStatusValue.BANNED, JULY_15);
      var laterSame = change("nvidia-h20", "CN", ExportStatusValue.BANNED, ExportStatusValue.ALLOWED, JULY_15.plusSeconds(60));
      var otherRule = exportRule("star-2", List.of("*"), List.of(), List.of());
      assertNotEquals(id, evaluator.onStatusChange(List.of(star), backAgain).get(0).getId());
      assertNotEquals(id, evaluator.onStatusChange(List.of(star), laterSame).get(0).getId());
      assertNotEquals(id, evaluator.onStatusChange(List.of(otherRule), h20Allowed()).get(0).getId());
    }

    @Test
    void crossingIdsDependOnThresholdAndDirection() {
      AlertRule caps = rule("caps", RuleKind.MARKET_CAP).build();
      String up4 = evaluator.onCrossing(List.of(caps), crossing("nvidia", 4e12, Direction.UP, 3.98e12, 4.02e12)).get(0).getId();
      String up4Again = evaluator.onCrossing(List.of(caps), crossing("nvidia", 4.0e12, Direction.UP, 3.9e12, 4.1e12)).get(0).getId();
      String down4 = evaluator.onCrossing(List.of(caps), crossing("nvidia", 4e12, Direction.DOWN, 4.02e12, 3.98e12)).get(0).getId();
      String up5 = evaluator.onCrossing(List.of(caps), crossing("nvidia", 5e12, Direction.UP, 4.98e12, 5.02e12)).get(0).getId();
      assertEquals(up4, up4Again);
      assertNotEquals(up4, down4);
      assertNotEquals(up4, up5);
      assertEquals(AlertIds.sha256Hex("caps\nnvidia\n4000000000000:UP@" + JULY_15.toEpochMilli()), up4);
    }
  }

  @Nested
  class MarketCap {

    @Test
    void vendorsThresholdsAndDirectionFilter() {
      List<AlertRule> rules = List.of(
          rule("any", RuleKind.MARKET_CAP).build(),
          rule("nvidia", RuleKind.MARKET_CAP).setVendors(new ArrayList<>(List.of("nvidia"))).build(),
          rule("amd", RuleKind.MARKET_CAP).setVendors(new ArrayList<>(List.of("amd"))).build(),
          rule("4t", RuleKind.MARKET_CAP).setThresholdsUsd(new ArrayList<>(List.of(3e12, 4e12))).build(),
          rule("5t", RuleKind.MARKET_CAP).setThresholdsUsd(new ArrayList<>(List.of(5e12))).build(),
          rule("up", RuleKind.MARKET_CAP).setDirection(Direction.UP).build(),
          rule("down", RuleKind.MARKET_CAP).setDirection(Direction.DOWN).build(),
          exportRule("export", List.of("*"), List.of(), List.of()));
      var up = crossing("nvidia", 4e12, Direction.UP, 3.98e12, 4.02e12);
      assertEquals(List.of("any", "nvidia", "4t", "up"), ruleIds(evaluator.onCrossing(rules, up)));
    }

    @Test
    void titlesSayWhichWayAndWhereItLanded() {
      AlertRule any = rule("any", RuleKind.MARKET_CAP).build();
      Alert up = evaluator.onCrossing(List.of(any), crossing("nvidia", 4e12, Direction.UP, 3.98e12, 4.02e12)).get(0);
      Alert down = evaluator.onCrossing(List.of(any), crossing("tsmc", 1e12, Direction.DOWN, 1.01e12, 0.999e12)).get(0);
      assertEquals("Nvidia market cap crossed $4T upward ($4.02T)", up.getTitle());
      assertEquals("$3.98T", up.getPreviousState());
      assertEquals("$4.02T", up.getNewState());
      assertEquals("nvidia", up.getSubject());
      assertEquals("UP", up.getLabels().get("direction"));
      assertTrue(up.getText().contains("rose from $3.98T to $4.02T"), up.getText());
      assertEquals("TSMC market cap crossed $1T downward ($999B)", down.getTitle());
      assertEquals(JULY_15, down.getOccurredAt());
    }
  }

  @Nested
  class PolicyEvents {

    final TaggedArticle twoEvents = article("US allows H20 and MI308 sales to China; bans B200 in Saudi Arabia",
        "Text.", List.of("nvidia", "amd"), List.of("nvidia-h20", "amd-mi308", "nvidia-b200"),
        List.of(event(EventType.EXPORT_ALLOWED, List.of("nvidia-h20", "amd-mi308"), "CN", 0.9),
            event(EventType.EXPORT_BAN, List.of("nvidia-b200"), "SA", 0.6)));

    @Test
    void typesItemsDestinationsAndConfidenceFilterPerEvent() {
      List<AlertRule> rules = List.of(
          rule("all", RuleKind.POLICY_EVENT).build(),
          rule("bans", RuleKind.POLICY_EVENT).setEventTypes(new ArrayList<>(List.of(EventType.EXPORT_BAN))).build(),
          rule("blackwell", RuleKind.POLICY_EVENT).setItems(new ArrayList<>(List.of("nvidia-blackwell"))).build(),
          rule("amd", RuleKind.POLICY_EVENT).setItems(new ArrayList<>(List.of("amd"))).build(),
          rule("china", RuleKind.POLICY_EVENT).setDestinations(new ArrayList<>(List.of("CN"))).build(),
          rule("confident", RuleKind.POLICY_EVENT).setMinConfidence(0.8).build());
      List<Alert> alerts = evaluator.onArticle(rules, twoEvents);
      List<String> matched = alerts.stream().map(a -> a.getRuleId() + "/" + a.getNewState()).toList();
      assertEquals(List.of("all/EXPORT_ALLOWED", "all/EXPORT_BAN", "bans/EXPORT_BAN", "blackwell/EXPORT_BAN",
          "amd/EXPORT_ALLOWED", "china/EXPORT_ALLOWED", "confident/EXPORT_ALLOWED"), matched);
    }

    @Test
    void eachEventHasItsOwnStableId() {
      AlertRule all = rule("all", RuleKind.POLICY_EVENT).build();
      List<Alert> first = evaluator.onArticle(List.of(all), twoEvents);
      List<Alert> again = evaluator.onArticle(List.of(all), twoEvents);
      assertNotEquals(first.get(0).getId(), first.get(1).getId());
      assertEquals(first.get(0).getId(), again.get(0).getId());
      assertEquals(AlertIds.sha256Hex("all\narticle-1\nevent#1"), first.get(1).getId());
    }

    @Test
    void eventEverywhereMatchesEveryDestination() {
      var everywhere = article("China bans gallium exports", "", List.of(), List.of(),
          List.of(event(EventType.MATERIALS_EXPORT_BAN, List.of("gallium"), "*", 1.0)));
      AlertRule us = rule("us", RuleKind.POLICY_EVENT).setDestinations(new ArrayList<>(List.of("US"))).build();
      Alert alert = evaluator.onArticle(List.of(us), everywhere).get(0);
      assertEquals("Materials export ban: Gallium → all destinations", alert.getTitle());
    }

    @Test
    void alertQuotesTheEventAndLinksTheArticle() {
      AlertRule all = rule("all", RuleKind.POLICY_EVENT).build();
      Alert alert = evaluator.onArticle(List.of(all), twoEvents).get(0);
      assertEquals("Export allowed: Nvidia H20, AMD MI308 → China", alert.getTitle());
      assertEquals(List.of("Evidence for EXPORT_ALLOWED."), alert.getEvidence());
      assertEquals(List.of("https://news.example/story"), alert.getLinks());
      assertEquals("nvidia-h20,amd-mi308|CN", alert.getSubject());
      assertEquals("nvidia,amd", alert.getLabels().get("vendor"));
      assertNull(alert.getPreviousState());
      assertEquals(SEEN, alert.getFirstSeenAt());
      assertEquals(JULY_15, alert.getOccurredAt());
    }
  }

  @Nested
  class Mentions {

    final TaggedArticle story = article("Nvidia ships B200 racks",
        "Nvidia said demand for Blackwell is strong. Analysts expect export curbs to tighten. Nothing else.",
        List.of("nvidia"), List.of("nvidia-b200"), List.of());

    @Test
    void vendorsChipsViaFamilyAndWholeWordKeywords() {
      List<AlertRule> rules = List.of(
          rule("nvidia", RuleKind.MENTION).setVendors(new ArrayList<>(List.of("nvidia"))).build(),
          rule("amd", RuleKind.MENTION).setVendors(new ArrayList<>(List.of("amd"))).build(),
          rule("blackwell", RuleKind.MENTION).setItems(new ArrayList<>(List.of("nvidia-blackwell"))).build(),
          rule("export", RuleKind.MENTION).setKeywords(new ArrayList<>(List.of("EXPORT CURBS"))).build(),
          rule("partial-word", RuleKind.MENTION).setKeywords(new ArrayList<>(List.of("rack"))).build(),
          rule("both-needed", RuleKind.MENTION).setVendors(new ArrayList<>(List.of("nvidia")))
              .setKeywords(new ArrayList<>(List.of("tariff"))).build(),
          rule("empty-watch-list", RuleKind.MENTION).build());
      assertEquals(List.of("nvidia", "blackwell", "export"), ruleIds(evaluator.onArticle(rules, story)));
    }

    @Test
    void evidenceIsTheSentencesThatMention() {
      AlertRule rule = rule("export", RuleKind.MENTION).setKeywords(new ArrayList<>(List.of("export curbs"))).build();
      Alert alert = evaluator.onArticle(List.of(rule), story).get(0);
      assertEquals(List.of("Analysts expect export curbs to tighten."), alert.getEvidence());
      assertEquals("Mentioned: “export curbs” — “Nvidia ships B200 racks”", alert.getTitle());
      assertEquals(AlertIds.sha256Hex("export\narticle-1\nmention"), alert.getId());
    }
  }
}
