package dev.chipwatch.alerts.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.alerts.rules.RuleFiles.Format;
import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.Direction;
import dev.chipwatch.schemas.avro.EventType;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import dev.chipwatch.schemas.avro.RuleKind;
import dev.chipwatch.schemas.avro.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFilesTest {

  final RuleFiles files = new RuleFiles();

  static final String GOOD_YAML = """
      rules:
        - id: h20-china
          kind: export-status
          items: [nvidia-h20, nvidia-hopper]
          destinations: [cn]
          statuses: [allowed, BANNED]
          receivers: [slack-team]
          severity: critical
        - id: nvidia-5t
          kind: market_cap
          vendors: nvidia
          thresholdsUsd: [5T, "$500B", 6e12, 7000000000000]
          direction: up
          receivers: [email-ops]
        - id: bans
          kind: POLICY_EVENT
          eventTypes: [export_ban, entity_list]
          minConfidence: 0.7
          receivers: [console]
        - id: watch
          kind: mention
          vendors: [huawei]
          keywords: ["Ascend 910C"]
          receivers: [console]
      """;

  List<String> reasons(String text, Format format) {
    return assertThrows(InvalidRulesException.class, () -> files.parse(text, format)).reasons();
  }

  @Test
  void readsEveryKindFromYamlWithFriendlySpellings() throws Exception {
    List<AlertRule> rules = files.parse(GOOD_YAML, Format.YAML);
    assertEquals(4, rules.size());
    AlertRule h20 = rules.get(0);
    assertEquals(RuleKind.EXPORT_STATUS, h20.getKind());
    assertEquals(List.of("CN"), h20.getDestinations());
    assertEquals(List.of(ExportStatusValue.ALLOWED, ExportStatusValue.BANNED), h20.getStatuses());
    assertEquals(Severity.CRITICAL, h20.getSeverity());
    AlertRule cap = rules.get(1);
    assertEquals(List.of("nvidia"), cap.getVendors());
    assertEquals(List.of(5e12, 500e9, 6e12, 7e12), cap.getThresholdsUsd());
    assertEquals(Direction.UP, cap.getDirection());
    assertEquals(Severity.WARNING, cap.getSeverity());
    AlertRule bans = rules.get(2);
    assertEquals(List.of(EventType.EXPORT_BAN, EventType.ENTITY_LIST), bans.getEventTypes());
    assertEquals(0.7, bans.getMinConfidence());
    assertEquals(List.of("Ascend 910C"), rules.get(3).getKeywords());
    assertNull(h20.getDirection());
  }

  @Test
  void readsJsonListsAndSingleRules(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("rules.json");
    Files.writeString(json, """
        [{"id": "a", "kind": "EXPORT_STATUS", "items": ["*"], "receivers": ["console"]}]
        """);
    assertEquals("a", files.load(json).get(0).getId());
    Path yaml = dir.resolve("one.yml");
    Files.writeString(yaml, "id: b\nkind: market_cap\nreceivers: [console]\n");
    assertEquals(RuleKind.MARKET_CAP, files.load(yaml).get(0).getKind());
  }

  @Test
  void everyProblemInAFileIsReportedAndNothingIsReturned() {
    List<String> reasons = reasons("""
        rules:
          - id: good
            kind: export_status
            receivers: [console]
          - id: typo
            kind: export_stats
            receivers: [console]
          - id: extra
            kind: market_cap
            thresholds: [4T]
            receivers: [console]
          - id: lonely
            kind: export_status
            destinations: [China]
          - id: tiny
            kind: market_cap
            thresholdsUsd: [4, -1, lots]
            receivers: [console]
        """, Format.YAML);
    String all = String.join("\n", reasons);
    assertTrue(all.contains("rules[1] 'typo': unknown kind 'export_stats'"), all);
    assertTrue(all.contains("rules[2] 'extra': unknown field 'thresholds' (did you mean 'thresholdsUsd'?)"), all);
    assertTrue(all.contains("bad threshold 'lots'"), all);
    assertEquals(3, reasons.size(), all);
  }

  @Test
  void semanticProblemsAfterTheFileReadsCleanly() {
    List<String> reasons = reasons("""
        - id: lonely
          kind: export_status
          destinations: [China, CN, "*", EU]
        - id: tiny
          kind: market_cap
          thresholdsUsd: [4, -1, 4e12]
          receivers: [console]
        - id: mixed
          kind: export_status
          vendors: [nvidia]
          receivers: [console]
        - id: lonely
          kind: mention
          receivers: [console]
        """, Format.YAML);
    String all = String.join("\n", reasons);
    assertTrue(all.contains("rule 'lonely': no receivers"), all);
    assertTrue(all.contains("rule 'lonely': bad destination code 'CHINA'"), all);
    assertTrue(all.contains("rule 'tiny': bad threshold 4 USD: implausibly small"), all);
    assertTrue(all.contains("rule 'tiny': bad threshold -1.0: must be a positive"), all);
    assertTrue(all.contains("rule 'mixed': field 'vendors' does not apply to EXPORT_STATUS rules"), all);
    assertTrue(all.contains("rule 'lonely': a MENTION rule needs vendors, items or keywords"), all);
    assertTrue(all.contains("rule 'lonely': id used twice"), all);
    assertEquals(7, reasons.size(), all);
  }

  @Test
  void brokenSyntaxAndEmptyDocumentsAreRefused() {
    assertTrue(reasons("{\"id\": ", Format.JSON).get(0).startsWith("not valid JSON"));
    assertTrue(reasons("rules: [", Format.YAML).get(0).startsWith("not valid YAML"));
    assertEquals(List.of("the document is empty: no rules"), reasons("", Format.YAML));
    assertTrue(reasons("rules: 3", Format.YAML).get(0).contains("'rules' must be a list"));
    assertTrue(reasons("- id: x\n  kind: mention\n  id: y\n  receivers: [c]\n", Format.YAML)
        .get(0).contains("Duplicate field 'id'"));
    assertTrue(reasons("- id: x\n  kind: mention\n  keywords: [{a: b}]\n  receivers: [c]\n", Format.YAML)
        .get(0).contains("keywords must hold text values"));
  }

  @Test
  void missingIdAndKindAreNamed() {
    List<String> reasons = reasons("- receivers: [console]\n", Format.YAML);
    assertEquals(List.of("rules[0]: kind is missing (one of [export_status, market_cap, policy_event, mention])",
        "rules[0]: id is missing"), reasons);
  }

  @Test
  void exceptionMessageListsAllReasons() {
    var e = assertThrows(InvalidRulesException.class, () -> files.parse("- id: x\n  kind: nope\n- id: y\n  kind: nada\n", Format.YAML));
    assertTrue(e.getMessage().startsWith("2 problems:"), e.getMessage());
    assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("nada"), e.getMessage());
  }
}
