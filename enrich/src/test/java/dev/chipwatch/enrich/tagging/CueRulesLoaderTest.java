package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cue files that cannot be used are refused, each message naming the file, the kind and the problem. */
class CueRulesLoaderTest {
  private static final String BUNDLED = bundledText();

  private static String bundledText() {
    try (InputStream in = CueRules.class.getResourceAsStream(CueRules.BUNDLED)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CueRules load(String yaml) {
    return CueRules.read(yaml.getBytes(StandardCharsets.UTF_8), "test-cues.yaml");
  }

  /** The bundled file with one text replaced (which must be there). */
  private static String bundledWith(String old, String replacement) {
    assertTrue(BUNDLED.contains(old), old);
    return BUNDLED.replace(old, replacement);
  }

  private static String refusal(String yaml) {
    return assertThrows(TriggerRuleException.class, () -> load(yaml)).getMessage();
  }

  @Test
  void theBundledFileHasEveryKindOnceWithItsKebabCaseId() {
    CueRules rules = load(BUNDLED);
    List<Cue> kinds = rules.entries().stream().map(CueRules.Entry::kind).toList();
    assertEquals(List.of(Cue.values()).subList(1, Cue.values().length), kinds);
    for (CueRules.Entry e : rules.entries()) {
      assertEquals(e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), e.id());
      assertEquals(e.phrases(), CueRules.bundled().phrases(e.kind()));
      assertNotEquals(List.of(), e.phrases(), e.id());
    }
    assertEquals(List.of(), rules.phrases(Cue.ANCHOR));
    assertEquals(Cue.RELATIVE_PAST, CueRules.kindOf("relative-past"));
  }

  @Test
  void refusesExamplesThatDoNotBehave() {
    String m = refusal(bundledWith("Nothing in the new rule changes", "Not a word in the new rule changes"));
    assertTrue(m.contains("test-cues.yaml") && m.contains("cue negation") && m.contains("negative example")
        && m.contains("holds the kind's phrase \"Not\""), m);
    m = refusal(bundledWith("The chipmaker said the new licence", "The chipmaker thinks the new licence"));
    assertTrue(m.contains("cue speech") && m.contains("positive example \"The chipmaker thinks") && m.contains("holds none"), m);
    // whole words unless the phrase ends in '*': "todays" holds no "today"
    m = refusal(bundledWith("- Beijing told its cloud providers today", "- Beijing told its cloud providers todays"));
    assertTrue(m.contains("cue news-time") && m.contains("positive example"), m);
  }

  @Test
  void refusesMissingTwiceAndUnknownKinds() {
    String m = refusal(bundledWith("  - id: milestone\n    kind: MILESTONE\n", "  - id: milestone\n    kind: MILESTONES\n"));
    assertTrue(m.contains("test-cues.yaml") && m.contains("cue milestone") && m.contains("unknown kind \"MILESTONES\""), m);
    m = refusal(bundledWith("  - id: milestone\n    kind: MILESTONE\n", "  - id: milestone\n    kind: ANCHOR\n"));
    assertTrue(m.contains("unknown kind \"ANCHOR\""), m);
    m = refusal(bundledWith("  - id: milestone\n    kind: MILESTONE\n", "  - id: milestones\n    kind: MILESTONE\n"));
    assertTrue(m.contains("cue milestones") && m.contains("the id of kind MILESTONE is milestone"), m);
    m = refusal(bundledWith("  - id: milestone\n    kind: MILESTONE\n", "  - id: value\n    kind: VALUE\n"));
    assertTrue(m.contains("cue value") && m.contains("kind VALUE is listed twice"), m);
    m = refusal(BUNDLED.substring(0, BUNDLED.indexOf("  - id: milestone")));
    assertTrue(m.contains("test-cues.yaml") && m.contains("no entry for the kinds [milestone, not-value]"), m);
  }

  @Test
  void refusesBadFieldsAndPhrases() {
    String m = refusal(bundledWith("version: 1\n", "version: 2\n"));
    assertTrue(m.contains("test-cues.yaml") && m.contains("version must be 1"), m);
    m = refusal(bundledWith("  - id: rule\n    kind: RULE\n", "  - id: rule\n    kind: RULE\n    flags: [x]\n"));
    assertTrue(m.contains("cue rule") && m.contains("unknown key 'flags'"), m);
    m = refusal(bundledWith("[not, 'no', never", "[not, no, never"));
    assertTrue(m.contains("cue negation") && m.contains("phrases") && m.contains("quote"), m);
    m = refusal(bundledWith("[not, 'no', never", "[not, 'no', 'No', never"));
    assertTrue(m.contains("cue negation") && m.contains("'No'") && m.contains("lower-case"), m);
    m = refusal(bundledWith("[not, 'no', never", "[not, 'no', stopped  short, never"));
    assertTrue(m.contains("'stopped  short'") && m.contains("single spaces"), m);
    m = refusal(bundledWith("[not, 'no', never", "[not, 'no', not, never"));
    assertTrue(m.contains("cue negation") && m.contains("'not' is listed twice"), m);
    String relativePast = BUNDLED.substring(BUNDLED.indexOf("  - id: relative-past"), BUNDLED.indexOf("  - id: news-time"));
    String withoutExamples = relativePast.substring(0, relativePast.indexOf("    examples:")) + "\n";
    m = refusal(BUNDLED.replace(relativePast, withoutExamples));
    assertTrue(m.contains("cue relative-past") && m.contains("examples") && m.contains("required"), m);
    m = refusal(bundledWith("    meaning: 'A rule as the subject", "    meanings: 'A rule as the subject"));
    assertTrue(m.contains("cue rule") && m.contains("unknown key 'meanings'"), m);
  }
}
