package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The derived prerequisites are sound: whenever a pattern finds a match in a text, the text holds a
 * string of every derived group. Checked on hand-picked patterns, on random patterns over a small
 * alphabet (so that random texts often match), and on random matches of every bundled trigger.
 */
class RegexPrerequisitesTest {
  static boolean holds(List<List<String>> groups, String text) {
    return groups.stream().allMatch(g -> g.stream().anyMatch(text::contains));
  }

  private static List<List<String>> norm(List<List<String>> groups) {
    return groups.stream().map(g -> g.stream().sorted().toList()).sorted(java.util.Comparator.comparing(Object::toString)).toList();
  }

  @Test
  void derivesLiteralGroups() {
    // the words it starts with are left out: the pattern is tried only where they stand
    assertEquals(norm(List.of(List.of(" from "), List.of(" from buying", " from using"))),
        norm(RegexPrerequisites.of("\\b(?:ban|bar)\\b .{0,40} from (?:buying|using)")));
    assertEquals(norm(List.of(List.of("ban ", "bar "), List.of(" from buying", " from using"))),
        norm(RegexPrerequisites.raw("\\b(?:ban|bar)\\b .{0,40} from (?:buying|using)")));
    assertEquals(norm(List.of(List.of("import"), List.of("import ban", "import curb", "imports"))),
        norm(RegexPrerequisites.of("\\bimport (?:ban|curbs?)\\b|\\b(?:halt\\w*|block\\w*) (?:\\w+ ){0,3}imports\\b")));
    // a lookbehind's text stands in the sentence too
    assertEquals(norm(List.of(List.of(" includ"), List.of("new ", "the "))),
        norm(RegexPrerequisites.of("(?<=\\b(?:the|new) )(?:list|listings) includ\\w*")));
    // what the analysis does not follow adds no condition
    assertEquals(List.of(), RegexPrerequisites.of("\\w+ \\d+%"));
    assertEquals(List.of(), RegexPrerequisites.of("(?i)ban on imports"));
    assertEquals(List.of(), RegexPrerequisites.of("\\Qban\\E"));
    assertEquals(List.of(), RegexPrerequisites.of("(a)\\1 ban"));
    // a negative lookahead is no condition
    assertEquals(List.of(), RegexPrerequisites.of("\\bban(?! on imports)"));
  }

  @Test
  void soundOnRandomPatternsAndTexts() {
    Random random = new Random(20240611);
    int patterns = 0;
    int withGroups = 0;
    int matches = 0;
    while (patterns < 3000) {
      String regex = randomRegex(random, 3);
      Pattern p;
      try {
        p = Pattern.compile(regex);
      } catch (java.util.regex.PatternSyntaxException e) {
        continue; // e.g. an unbounded lookbehind
      }
      patterns++;
      List<List<String>> groups = RegexPrerequisites.of(regex);
      List<List<String>> raw = RegexPrerequisites.raw(regex);
      if (!raw.isEmpty()) { // the kept groups leave out one-letter strings, common in these patterns
        withGroups++;
      }
      for (int t = 0; t < 60; t++) {
        String text = randomText(random, 12);
        if (p.matcher(text).find()) {
          matches++;
          if (!holds(groups, text) || !holds(raw, text)) {
            fail("pattern " + regex + " finds a match in '" + text + "' but the derived groups " + groups + " (raw " + raw + ") say no");
          }
        }
      }
    }
    assertTrue(withGroups > patterns / 2, "only " + withGroups + " of " + patterns + " patterns got any group");
    assertTrue(matches > 10_000, "too few matches to say anything: " + matches);
  }

  @Test
  void everyPositiveExampleHoldsItsRulesPrerequisites() {
    TriggerLexicon lexicon = TriggerLexicon.bundled();
    for (int i = 0; i < lexicon.rules().size(); i++) {
      TriggerRules.Rule rule = lexicon.rules().get(i);
      List<List<String>> groups = RegexPrerequisites.of(rule.pattern().pattern());
      assertEquals(groups, lexicon.triggers().get(i).requires(), rule.id());
      for (String example : rule.positive()) {
        String lower = TriggerRules.lower(example);
        assertTrue(rule.pattern().matcher(lower).find(), rule.id() + ": " + example);
        assertTrue(holds(groups, lower), rule.id() + ": " + example + " lacks a word of " + groups);
      }
    }
  }

  @Test
  void soundOnRandomMatchesOfEveryTrigger() {
    Random random = new Random(7);
    for (Trigger t : TriggerLexicon.bundled().triggers()) {
      String regex = t.pattern().pattern();
      List<List<String>> groups = RegexPrerequisites.of(regex);
      RegexPrerequisites.Node tree = RegexPrerequisites.Parser.parse(regex);
      int found = 0;
      for (int i = 0; i < 3000 && found < 300; i++) {
        StringBuilder sb = new StringBuilder();
        sb.append(randomWords(random)).append(' ');
        generate(tree, random, sb);
        sb.append(' ').append(randomWords(random));
        String text = sb.toString();
        if (t.pattern().matcher(text).find()) {
          found++;
          assertTrue(holds(groups, text), "trigger " + regex + " matches '" + text + "' but " + groups + " say no");
        }
      }
      assertTrue(found > 0, "no random match of " + regex);
    }
  }

  // ---- random patterns over a, b, c, space and dot ----

  private static final String ALPHABET = "abc .";

  private static String randomRegex(Random r, int depth) {
    int items = 1 + r.nextInt(4);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < items; i++) {
      sb.append(quantify(r, atom(r, depth), depth));
    }
    if (r.nextInt(5) == 0) {
      sb.append('|').append(randomRegex(r, depth - 1));
    }
    return sb.toString();
  }

  private static String atom(Random r, int depth) {
    int k = r.nextInt(depth > 0 ? 16 : 8);
    return switch (k) {
      case 0, 1, 2, 3 -> literal(r);
      case 4 -> List.of("[ab]", "[a-c]", "[^a]", "[ .]", "[b-c ]", "[\\w.]").get(r.nextInt(6));
      case 5 -> List.of(".", "\\w", "\\s", "\\W").get(r.nextInt(4));
      case 6 -> List.of("\\b", "\\B", "^", "$").get(r.nextInt(4));
      case 7 -> literal(r) + literal(r);
      case 8, 9 -> "(?:" + randomRegex(r, depth - 1) + ")";
      case 10 -> "(" + randomRegex(r, depth - 1) + ")";
      case 11 -> "(?:" + literal(r) + "|" + literal(r) + literal(r) + ")";
      case 12 -> "(?=" + randomRegex(r, depth - 1) + ")";
      case 13 -> "(?!" + randomRegex(r, depth - 1) + ")";
      case 14 -> "(?<=" + boundedRegex(r) + ")";
      default -> "(?<!" + boundedRegex(r) + ")";
    };
  }

  /** Lookbehinds need a bounded length. */
  private static String boundedRegex(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      sb.append(r.nextBoolean() ? literal(r) : "(?:" + literal(r) + "|" + literal(r) + literal(r) + ")");
      if (r.nextInt(4) == 0) sb.append('?');
    }
    return sb.toString();
  }

  private static String literal(Random r) {
    char c = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
    return c == '.' ? "\\." : String.valueOf(c);
  }

  private static String quantify(Random r, String atom, int depth) {
    if (atom.startsWith("\\b") || atom.startsWith("\\B") || atom.equals("^") || atom.equals("$") || atom.startsWith("(?=")
        || atom.startsWith("(?!") || atom.startsWith("(?<")) {
      return atom;
    }
    String q = switch (r.nextInt(12)) {
      case 0 -> "?";
      case 1 -> "*";
      case 2 -> "+";
      case 3 -> "{2}";
      case 4 -> "{0,2}";
      case 5 -> "{1,3}";
      case 6 -> "{2,}";
      default -> "";
    };
    if (!q.isEmpty() && r.nextInt(3) == 0) {
      q += r.nextBoolean() ? "?" : "+";
    }
    return atom + q;
  }

  private static String randomText(Random r, int max) {
    int n = r.nextInt(max + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append("abc .d".charAt(r.nextInt(6)));
    return sb.toString();
  }

  // ---- random matches of a parsed pattern: approximate, kept only when the real pattern finds them ----

  private static final String[] WORDS = {"the", "chips", "to", "from", "us", "new", "export", "said", "2025", "its", "a"};

  private static String randomWords(Random r) {
    List<String> out = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) out.add(WORDS[r.nextInt(WORDS.length)]);
    return String.join(" ", out);
  }

  private static void generate(RegexPrerequisites.Node n, Random r, StringBuilder out) {
    if (n instanceof RegexPrerequisites.Lit l) {
      out.append(l.c());
    } else if (n instanceof RegexPrerequisites.CharSet c) {
      if (c.members() != null) {
        List<Character> m = new ArrayList<>(c.members());
        out.append(m.get(r.nextInt(m.size())));
      } else {
        out.append(c.source().equals("\\s") ? ' ' : "abcdefghijklmnopqrstuvwxyz".charAt(r.nextInt(26)));
      }
    } else if (n instanceof RegexPrerequisites.Seq s) {
      s.items().forEach(i -> generate(i, r, out));
    } else if (n instanceof RegexPrerequisites.Alt a) {
      generate(a.branches().get(r.nextInt(a.branches().size())), r, out);
    } else if (n instanceof RegexPrerequisites.Repeat rep) {
      int spread = rep.max() < 0 ? 3 : Math.min(rep.max() - rep.min(), 3);
      int count = rep.min() + r.nextInt(spread + 1);
      for (int i = 0; i < count; i++) {
        if (rep.node() instanceof RegexPrerequisites.CharSet c && c.members() == null && r.nextInt(4) == 0) {
          out.append(' '); // ".{0,40}": words and spaces
        } else {
          generate(rep.node(), r, out);
        }
      }
    } else if (n instanceof RegexPrerequisites.Look look && look.behind() && !look.negative()) {
      generate(look.node(), r, out); // what a lookbehind wants to see, just before
    }
  }
}
