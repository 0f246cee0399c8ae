package dev.chipwatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `rules test` backtests offline: the demo feeds through enrich and alerts, nothing sent, no broker. */
class RulesTestCommandTest {
  private static final String POLICY_WIRE = "src/main/resources/demo/policy-wire.xml";

  @TempDir Path dir;

  @Test
  void printsTheAlertsTheRulesWouldRaise() throws Exception {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, """
        rules:
          - id: h20-china-banned
            kind: export_status
            items: [nvidia-h20]
            destinations: [CN]
            statuses: [banned]
            receivers: [team-slack]
          - id: amd-anything
            kind: export_status
            items: [amd]
            receivers: [console]
        """);
    CommandRun run = CommandRun.of("rules", "test", rules.toString(), "--against", POLICY_WIRE, "--json",
        "--data-dir", dir.toString());

    assertEquals(0, run.exitCode(), run.err());
    List<JsonNode> alerts = new ArrayList<>();
    for (String line : run.out().strip().split("\n")) {
      alerts.add(new ObjectMapper().readTree(line));
    }
    // the H20 ban (not its later re-allowing: the rule wants BANNED), then AMD's MI308 restricted and allowed again
    assertEquals(List.of("h20-china-banned nvidia-h20|CN BANNED", "amd-anything amd-mi308|CN RESTRICTED",
        "amd-anything amd-mi308|CN ALLOWED"), alerts.stream().map(a -> a.get("ruleId").asText() + " "
            + a.get("subject").asText() + " " + a.get("newState").asText()).toList(), run.out());
    assertTrue(run.err().contains("3 alert(s)") && run.err().contains("nothing was sent"), run.err());
  }

  @Test
  void refusesAnInvalidRuleFileWithEveryReason() throws Exception {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, """
        - id: a
          kind: export_status
          itmes: [nvidia-h20]
          receivers: [console]
        - id: b
          kind: market_cap
          direction: sideways
          receivers: [console]
        """);
    CommandRun run = CommandRun.of("rules", "test", rules.toString(), "--against", POLICY_WIRE);

    assertEquals(1, run.exitCode());
    assertEquals("", run.out());
    assertTrue(run.err().contains("rules[0] 'a': unknown field 'itmes'"), run.err());
    assertTrue(run.err().contains("rules[1] 'b': unknown direction value 'sideways'"), run.err());
  }
}
