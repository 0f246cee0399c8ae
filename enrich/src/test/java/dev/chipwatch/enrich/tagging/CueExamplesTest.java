package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example sentence of every bundled cue kind, one test each: a positive holds a phrase of its
 * kind as the tagger finds cue words (the names-and-cues scan of the bundled lexicon); a negative
 * holds none.
 */
class CueExamplesTest {
  private static final TriggerLexicon LEXICON = TriggerLexicon.bundled();
  private static final TextScanner SCANNER =
      TextScanner.namesAndCues(new MentionFinder(Taxonomy.load().aliases()), LEXICON.cues());

  @TestFactory
  Stream<DynamicTest> everyExampleOfEveryCueKind() {
    List<DynamicTest> tests = new ArrayList<>();
    List<Cue> withExamples = new ArrayList<>();
    for (CueRules.Entry e : LEXICON.cueRules().entries()) {
      for (String example : e.positive()) {
        tests.add(DynamicTest.dynamicTest(e.id() + " + " + example,
            () -> assertTrue(found(example, e.kind()), e.id() + " should be found in: " + example)));
      }
      for (String example : e.negative()) {
        tests.add(DynamicTest.dynamicTest(e.id() + " - " + example,
            () -> assertFalse(found(example, e.kind()), e.id() + " should not be found in: " + example)));
      }
      if (!e.positive().isEmpty() && !e.negative().isEmpty()) {
        withExamples.add(e.kind());
      }
    }
    assertTrue(withExamples.containsAll(CueRules.NEEDS_EXAMPLES), "kinds with examples: " + withExamples);
    return tests.stream();
  }

  /** Whether the tagger's scan finds a cue of the kind in the sentence. */
  static boolean found(String sentence, Cue kind) {
    char[] chars = sentence.toCharArray();
    String text = TextNormalizer.normalizeInPlace(chars) ? new String(chars) : sentence;
    TextScanner.Found found = SCANNER.scan(text, chars, List.<int[]>of(new int[] {0, text.length()}));
    return Cues.of(found.cues().get(0), found.anchors().get(0)).any(kind, 0, text.length());
  }
}
