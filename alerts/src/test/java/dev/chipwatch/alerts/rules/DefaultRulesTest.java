package dev.chipwatch.alerts.rules;

import static dev.chipwatch.alerts.rules.Fixtures.ANCESTORS;
import static dev.chipwatch.alerts.rules.Fixtures.JULY_15;
import static dev.chipwatch.alerts.rules.Fixtures.change;
import static dev.chipwatch.alerts.rules.Fixtures.crossing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.Direction;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultRulesTest {

  final RuleEvaluator evaluator = new RuleEvaluator(ANCESTORS, Clock.systemUTC());
  final List<AlertRule> rules = DefaultRules.get();

  @Test
  void everyExportStatusChangeAlerts() {
    var anyChange = change("huawei-ascend-910c", "US", ExportStatusValue.UNKNOWN, ExportStatusValue.BANNED, JULY_15);
    assertEquals(1, evaluator.onStatusChange(rules, anyChange).size());
  }

  @Test
  void bigFourCrossEachWholeTrillionEitherWay() {
    for (String vendor : List.of("nvidia", "amd", "broadcom", "tsmc")) {
      for (int t = 1; t <= 10; t++) {
        var up = crossing(vendor, t * 1e12, Direction.UP, t * 1e12 - 1e10, t * 1e12 + 1e10);
        var down = crossing(vendor, t * 1e12, Direction.DOWN, t * 1e12 + 1e10, t * 1e12 - 1e10);
        assertEquals(1, evaluator.onCrossing(rules, up).size(), vendor + " up " + t);
        assertEquals(1, evaluator.onCrossing(rules, down).size(), vendor + " down " + t);
      }
    }
    assertTrue(evaluator.onCrossing(rules, crossing("intel", 1e12, Direction.UP, 0.9e12, 1.1e12)).isEmpty());
    assertTrue(evaluator.onCrossing(rules, crossing("nvidia", 4.5e12, Direction.UP, 4.4e12, 4.6e12)).isEmpty());
  }

  @Test
  void everythingGoesToTheConsoleAndValidates() {
    for (AlertRule rule : rules) {
      assertEquals(List.of("console"), rule.getReceivers());
    }
    assertEquals(2, rules.size());
  }
}
