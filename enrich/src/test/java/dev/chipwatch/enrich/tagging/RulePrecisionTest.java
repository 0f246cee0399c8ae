package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulePrecisionTest {
  @Test
  void confidenceIsTheMeasuredPrecisionWithTheWrittenConfidenceAsPrior() {
    RulePrecision p = RulePrecision.parse("t", "# comment\nsure\t18\t0\nshaky\t2\t6\n");
    assertEquals((18 + 2 * 0.8) / 20, p.confidence("sure", 0.8, 0.8), 1e-9);
    assertEquals((2 + 2 * 0.8) / 10, p.confidence("shaky", 0.8, 0.8), 1e-9);
    assertEquals(0.7, p.confidence("unmeasured", 0.7, 0.7), 1e-9, "no measurement: the written confidence");
    assertEquals((18 + 2 * 0.8) / 20 * 0.5, p.confidence("sure", 0.4, 0.8), 1e-9, "modality's lowering carries over");
  }

  @Test
  void aBadLineIsRefusedWithItsPlace() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> RulePrecision.parse("p.tsv", "a\t1\t2\nb\tx\n"));
    assertTrue(e.getMessage().startsWith("p.tsv:2:"), e.getMessage());
  }

  @Test
  void theBundledTableNamesOnlyRulesTheTaggerHas() {
    Set<String> known = new HashSet<>(TriggerLexicon.bundled().ruleIds());
    known.add(MaterialsCurb.RULE_ID);
    known.add("entity-list-elaboration");
    for (String rule : RulePrecision.bundled().rules()) {
      assertTrue(known.contains(rule), "precision.tsv names an unknown rule: " + rule);
    }
  }

  @Test
  void anExplanationSaysWhyACandidateWasDropped() {
    Explanation why = new Explanation();
    Tags tags = new Tagger(Taxonomy.load()).tag("", "", "Officials are considering a ban on H20 sales to China.",
        java.time.Instant.parse("2025-07-16T12:00:00Z"), why);
    assertEquals(0, tags.events().size());
    assertEquals(1, why.rejected().size(), why.rejected().toString());
    assertEquals("ban-word-ban", why.rejected().get(0).rule());
    assertTrue(why.rejected().get(0).reason().startsWith("hedged"), why.rejected().get(0).reason());
  }
}
