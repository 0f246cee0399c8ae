package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example sentence of every bundled rule, one test each: a positive is found by its rule as
 * the tagger finds triggers (the names-and-cues scan, anchor words, derived prerequisites, anchored
 * tries); a negative is not found by its rule's pattern anywhere.
 */
class TriggerRuleExamplesTest {
  private static final TriggerLexicon LEXICON = TriggerLexicon.bundled();
  private static final TextScanner SCANNER =
      TextScanner.namesAndCues(new MentionFinder(Taxonomy.load().aliases()), LEXICON.cues());

  @TestFactory
  Stream<DynamicTest> everyExampleOfEveryRule() {
    List<DynamicTest> tests = new ArrayList<>();
    for (TriggerRules.Rule rule : LEXICON.rules()) {
      for (String example : rule.positive()) {
        tests.add(DynamicTest.dynamicTest(rule.id() + " + " + example, () -> assertTrue(
            foundByRule(example, rule.id()), rule.id() + " should find: " + example)));
      }
      for (String example : rule.negative()) {
        tests.add(DynamicTest.dynamicTest(rule.id() + " - " + example, () -> assertFalse(
            rule.pattern().matcher(TriggerRules.lower(example)).find(), rule.id() + " should not find: " + example)));
      }
    }
    assertTrue(tests.size() >= 2 * LEXICON.rules().size());
    return tests.stream();
  }

  /** Whether the tagger's trigger search finds a match of the rule in the sentence. */
  static boolean foundByRule(String sentence, String ruleId) {
    return matchesIn(LEXICON, SCANNER, sentence).stream().anyMatch(m -> m.ruleId().equals(ruleId));
  }

  static List<TriggerLexicon.Match> matchesIn(TriggerLexicon lexicon, TextScanner scanner, String sentence) {
    char[] chars = sentence.toCharArray();
    TextScanner.Found found = scanner.scan(sentence, chars, List.<int[]>of(new int[] {0, sentence.length()}));
    Sentence s = new Sentence(0, false, sentence, TriggerRules.lower(sentence), List.of(),
        Cues.of(found.cues().get(0), found.anchors().get(0)));
    return lexicon.candidates(s);
  }
}
