package dev.chipwatch.enrich.tagging;
import static org.junit.jupiter.api.Assertions.*;
import org.junit.jupiter.api.Test;
import java.util.*;
/** Transitional: the bundled rules file says what the Java lexicon says, pattern for pattern. */
class TriggerRulesEquivalenceTest {
  @Test void sameAsJava() throws Exception {
    byte[] bytes;
    try (var in = getClass().getResourceAsStream("/rules/triggers.yaml")) { bytes = in.readAllBytes(); }
    var file = TriggerRules.read(bytes, "bundled", Map.of(), false);
    List<Trigger> old = TriggerLexicon.triggers();
    assertEquals(old.size(), file.rules().size());
    for (int i = 0; i < old.size(); i++) {
      Trigger t = old.get(i);
      var r = file.rules().get(i);
      assertEquals(t.pattern().pattern(), r.pattern().pattern(), r.id());
      assertEquals(t.kind(), r.kind(), r.id());
      assertEquals(t.base(), r.confidence(), r.id());
      assertEquals(t.needsItems(), r.flags().contains(TriggerRules.Flag.NEEDS_ITEMS), r.id());
      assertEquals(t.consequence(), r.flags().contains(TriggerRules.Flag.CONSEQUENCE), r.id());
      assertEquals(t.reversal(), r.flags().contains(TriggerRules.Flag.REVERSAL), r.id());
      assertEquals(t.needsExportContext(), r.flags().contains(TriggerRules.Flag.NEEDS_EXPORT_CONTEXT), r.id());
      assertEquals(t.withoutLicence(), r.flags().contains(TriggerRules.Flag.WITHOUT_LICENCE), r.id());
      for (String p : r.positive()) assertTrue(r.pattern().matcher(TriggerRules.lower(p)).find(), r.id() + " + " + p);
      for (String p : r.negative()) assertFalse(r.pattern().matcher(TriggerRules.lower(p)).find(), r.id() + " - " + p);
      for (String p : r.positive()) assertTrue(t.prerequisitesIn(TriggerRules.lower(p)), r.id() + " hand prereq " + p);
    }
  }
}
