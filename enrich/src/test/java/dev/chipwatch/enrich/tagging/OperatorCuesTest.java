package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cues:} section of an operator's rules file adds and removes cue phrases without a rebuild. */
class OperatorCuesTest {
  private static final Taxonomy TAXONOMY = Taxonomy.load();
  private static final Instant JULY_2025 = Instant.parse("2025-07-20T12:00:00Z");
  private static final String SUPPOSEDLY = "The US Commerce Department on Tuesday supposedly banned sales of Nvidia's H20 to China.";
  private static final String A_BET = "In a bet on leverage, the US Commerce Department on Tuesday banned sales of Nvidia's H20 to China.";

  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("operator-rules.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private String refusal(String yaml) throws Exception {
    Path file = write(yaml);
    return assertThrows(TriggerRuleException.class, () -> TriggerLexicon.with(file)).getMessage();
  }

  private static int events(Tagger tagger, String body) {
    return tagger.tag("", "", body, JULY_2025).events().size();
  }

  @Test
  void addsAndRemovesPhrasesOfAKind() throws Exception {
    TriggerLexicon lexicon = TriggerLexicon.with(write("""
        version: 1
        cues:
          add: {hedge: [supposedly], negation: [no longer]}
          remove: {hedge: [bet, bets]}
        """));
    List<String> hedge = lexicon.cueRules().phrases(Cue.HEDGE);
    List<String> bundled = new ArrayList<>(CueRules.bundled().phrases(Cue.HEDGE));
    bundled.removeAll(List.of("bet", "bets"));
    bundled.add("supposedly");
    assertEquals(bundled, hedge); // removed where they were, added at the end
    assertEquals("no longer", lexicon.cueRules().phrases(Cue.NEGATION).get(lexicon.cueRules().phrases(Cue.NEGATION).size() - 1));
    assertEquals(CueRules.bundled().phrases(Cue.RECAP), lexicon.cueRules().phrases(Cue.RECAP));
    assertEquals(TriggerLexicon.bundled().ruleIds(), lexicon.ruleIds());

    Tagger plain = new Tagger(TAXONOMY);
    Tagger operated = new Tagger(TAXONOMY, lexicon);
    // an added hedge: the ban is no longer news
    assertEquals(1, events(plain, SUPPOSEDLY));
    assertEquals(0, events(operated, SUPPOSEDLY));
    // a removed hedge: the ban is news again
    assertEquals(0, events(plain, A_BET));
    assertEquals(1, events(operated, A_BET));
  }

  @Test
  void anOperatorFileWithoutCuesKeepsTheBundledPhrases() throws Exception {
    TriggerLexicon lexicon = TriggerLexicon.with(write("version: 1\ndisable: [ban-word-ban]\n"));
    assertSame(CueRules.bundled(), lexicon.cueRules());
    assertSame(CueRules.bundled(), TriggerLexicon.bundled().cueRules());
  }

  @Test
  void refusesUnknownKindsAndPhrasesThatAreNotThere() throws Exception {
    String m = refusal("version: 1\ncues:\n  add: {hedges: [supposedly]}\n");
    assertTrue(m.contains("operator-rules.yaml") && m.contains("cues: add") && m.contains("unknown cue kind 'hedges'"), m);
    m = refusal("version: 1\ncues:\n  remove: {anchor: [ban]}\n");
    assertTrue(m.contains("operator-rules.yaml") && m.contains("unknown cue kind 'anchor'"), m);
    m = refusal("version: 1\ncues:\n  remove: {HEDGE: [bet]}\n");
    assertTrue(m.contains("unknown cue kind 'HEDGE'") && m.contains("hedge-after"), m);

    m = refusal("version: 1\ncues:\n  remove: {negation: [hardly]}\n");
    assertTrue(m.contains("operator-rules.yaml") && m.contains("cues: remove: negation") && m.contains("'hardly' is not a phrase"), m);
    // written alike: a stem is not the word
    m = refusal("version: 1\ncues:\n  remove: {hedge: [consider]}\n");
    assertTrue(m.contains("cues: remove: hedge") && m.contains("'consider' is not a phrase"), m);
    m = refusal("version: 1\ncues:\n  add: {speech: [said]}\n");
    assertTrue(m.contains("operator-rules.yaml") && m.contains("cues: add: speech") && m.contains("'said' is a phrase of this kind already"), m);
  }

  @Test
  void refusesMalformedSections() throws Exception {
    String m = refusal("version: 1\ncues:\n  append: {hedge: [supposedly]}\n");
    assertTrue(m.contains("operator-rules.yaml") && m.contains("cues: unknown key 'append'"), m);
    m = refusal("version: 1\ncues: [supposedly]\n");
    assertTrue(m.contains("cues must be a mapping"), m);
    m = refusal("version: 1\ncues:\n  add: {negation: [no]}\n");
    assertTrue(m.contains("cues: add: negation") && m.contains("quote"), m);
    m = refusal("version: 1\ncues:\n  add: {hedge: [Supposedly]}\n");
    assertTrue(m.contains("cues: add: hedge") && m.contains("'Supposedly'") && m.contains("lower-case"), m);
    m = refusal("version: 1\ncues:\n  add: {hedge: ['*maybe']}\n");
    assertTrue(m.contains("'*maybe'"), m);
    m = refusal("version: 1\ncues:\n  add: {hedge: []}\n");
    assertTrue(m.contains("cues: add: hedge") && m.contains("non-empty list"), m);
    m = refusal("version: 1\ncues:\n  add: {hedge: [maybe, maybe]}\n");
    assertTrue(m.contains("'maybe' is listed twice"), m);
  }

  @Test
  void theBundledFileHasNoCuesSection() {
    String m = assertThrows(TriggerRuleException.class, () -> TriggerLexicon.of(
        "version: 1\nrules: []\ncues: {add: {hedge: [maybe]}}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "test.yaml")).getMessage();
    assertTrue(m.contains("test.yaml") && m.contains("unknown key 'cues'"), m);
    assertFalse(TriggerLexicon.bundled().cueRules().phrases(Cue.HEDGE).isEmpty());
  }
}
