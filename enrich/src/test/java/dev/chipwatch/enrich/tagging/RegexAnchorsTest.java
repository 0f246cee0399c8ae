package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegexAnchorsTest {
  @Test
  void literalStartsOfPatterns() {
    assertEquals(List.of("ban", "bar"), RegexAnchors.of("\\b(?:ban|bars?)\\b"));
    assertEquals(List.of("rais", "doubl", "hik"), RegexAnchors.of("\\b(?:rais(?:e|es)|doubl\\w*|hik(?:e|ed))\\b tariffs"));
    assertEquals(List.of("de facto ban", "presumption of denial"), RegexAnchors.of("\\bde facto ban\\b|\\bpresumption of denial\\b"));
    assertEquals(List.of("tell", "told"), RegexAnchors.of("\\b(?:tells?|told)\\b"));
    assertEquals(List.of("licen"), RegexAnchors.of("\\blicen[cs](?:e|es) requirements?\\b"));
    assertEquals(List.of(), RegexAnchors.of("\\b[\\d.]+ ?% tariff"));
  }

  @Test
  void everyLexiconAnchorIsAtLeastThreeLetters() {
    // a one- or two-letter anchor would try its pattern at a large share of all words
    for (String a : TriggerLexicon.bundled().anchorWords()) {
      org.junit.jupiter.api.Assertions.assertTrue(a.length() >= 3, "short anchor '" + a + "'");
    }
  }
}
