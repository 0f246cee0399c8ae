package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {
  @Test
  void findsPatternsOnlyWhereAWordStarts() {
    AhoCorasick automaton = new AhoCorasick(List.of("us", "use", "u.s.", "ban", "white house"));
    assertEquals(Set.of("us@0", "u.s.@26", "ban@37", "white house@46"),
        hits(automaton, List.of("us", "use", "u.s.", "ban", "white house"),
            "US because thus business, U.S. urban ban; the White House"));
  }

  @Test
  void matchesCaseInsensitivelyAcrossInnerPunctuationAndAtTheEnd() {
    List<String> patterns = List.of("U.S.$", "h20", "h200", "gb200");
    // "h20" at the start of "H200" too: whether a hit ends a word is for the caller to decide
    assertEquals(Set.of("U.S.$@0", "h20@10", "h20@18", "h200@18", "gb200@28"),
        hits(new AhoCorasick(patterns), patterns, "U.S.$ 84, H20 and H200, and GB200"));
  }

  /** Against a plain search on random text over a small alphabet, where overlaps and near misses abound. */
  @Test
  void agreesWithANaiveSearch() {
    Random random = new Random(42);
    String alphabet = "abAB .-'$1";
    for (int round = 0; round < 300; round++) {
      List<String> patterns = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(12); i++) {
        String p;
        do {
          p = randomText(random, "abAB1.-'$ ", 1 + random.nextInt(5));
        } while (!Chars.isWordChar(p.charAt(0)) || patterns.contains(p));
        patterns.add(p);
      }
      String text = randomText(random, alphabet, random.nextInt(80));
      assertEquals(naive(patterns, text), hits(new AhoCorasick(patterns), patterns, text),
          () -> "patterns " + patterns + " in [" + text + "]");
    }
  }

  private static Set<String> hits(AhoCorasick automaton, List<String> patterns, String text) {
    Set<String> out = new TreeSet<>();
    automaton.scan(text.toCharArray(), (p, end) -> out.add(patterns.get(p) + "@" + (end - patterns.get(p).length())));
    return out;
  }

  private static Set<String> naive(List<String> patterns, String text) {
    Set<String> out = new TreeSet<>();
    for (String p : patterns) {
      for (int s = 0; s + p.length() <= text.length(); s++) {
        if ((s == 0 || !Chars.isWordChar(text.charAt(s - 1))) && text.regionMatches(true, s, p, 0, p.length())) {
          out.add(p + "@" + s);
        }
      }
    }
    return out;
  }

  private static String randomText(Random random, String alphabet, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
