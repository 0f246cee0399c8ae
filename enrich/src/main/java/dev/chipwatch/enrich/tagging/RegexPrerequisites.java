package dev.chipwatch.enrich.tagging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Words a sentence must contain before a pattern can match in it, derived from the pattern itself:
 * groups of literal substrings such that any text a match lies in contains at least one string of
 * every group. For {@code \b(?:ban|bar)\b .{0,40} from (?:buying|using)} that is
 * {@code [["ban ", "bar "], [" from "]]}. Checking them ({@link Trigger#prerequisitesIn}) is a few
 * {@code contains} calls, much cheaper than trying the pattern.
 *
 * <p>The result is sound, never complete: whatever the analysis cannot follow (a class such as
 * {@code \w}, a repetition, a negative lookaround) adds no condition, and a construct it does not
 * know (inline flags, {@code \Q}, back-references, nested classes) makes it give up with no
 * groups at all, which means: always try the pattern. Positive lookarounds count, since their text
 * lies in the sentence too (the matchers use transparent bounds). Only for patterns compiled
 * without flags.
 */
final class RegexPrerequisites {
  /** Largest set of exact strings followed through concatenation and alternation. */
  private static final int MAX_EXACT = 64;
  /** A group keeps at most this many strings, merged into shared prefixes while it has more. */
  private static final int MAX_STRINGS = 8;
  /** The shortest prefix strings are merged into. */
  private static final int MIN_PREFIX = 3;
  /** The shortest piece common to all strings of a group that is worth a group of its own. */
  private static final int MIN_COMMON = 4;
  /** A group with more strings than this is dropped: too costly to check for what it saves. */
  private static final int MAX_GROUP = 16;
  /** At most this many groups are kept, the cheapest first. */
  private static final int MAX_GROUPS = 4;

  private RegexPrerequisites() {}

  /** The groups for a pattern; each string of a group is a literal piece of any match (or of its lookarounds). */
  static List<List<String>> of(String regex) {
    Node tree;
    try {
      tree = Parser.parse(regex);
    } catch (Unsupported e) {
      return List.of();
    }
    List<Set<String>> groups = allGroups(analyse(tree));
    return simplify(groups, RegexAnchors.of(regex));
  }

  /** The groups before simplification: sound, but possibly many and long. */
  static List<List<String>> raw(String regex) {
    try {
      return allGroups(analyse(Parser.parse(regex))).stream().map(g -> (List<String>) List.copyOf(g)).toList();
    } catch (Unsupported e) {
      return List.of();
    }
  }

  // ---- the pattern as a tree ----

  /** A parsed pattern. */
  sealed interface Node permits Lit, CharSet, Seq, Alt, Repeat, Look, Empty {}

  /** One literal character. */
  record Lit(char c) implements Node {}

  /**
   * One character of a class; {@code members} lists them when the class is a short list of
   * literal characters, else null (any of many: {@code .}, {@code \w}, {@code [^,]}).
   */
  record CharSet(Set<Character> members, String source) implements Node {}

  record Seq(List<Node> items) implements Node {}

  record Alt(List<Node> branches) implements Node {}

  /** {@code max} is -1 for no upper bound. */
  record Repeat(Node node, int min, int max) implements Node {}

  /** A lookahead or lookbehind: matches no text, but its content must stand next to the position (or must not). */
  record Look(Node node, boolean behind, boolean negative) implements Node {}

  /** Matches the empty string where its condition holds: {@code \b}, {@code ^}, {@code $}. */
  record Empty(String source) implements Node {}

  /** Thrown by the parser on syntax the analysis does not follow. */
  static final class Unsupported extends RuntimeException {
    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  /** A recursive-descent reader of the java.util.regex syntax the trigger patterns use. */
  static final class Parser {
    private final String s;
    private int i;

    private Parser(String s) {
      this.s = s;
    }

    static Node parse(String regex) {
      Parser p = new Parser(regex);
      Node n = p.alternation();
      if (p.i != regex.length()) {
        throw new Unsupported("unbalanced ')' at " + p.i);
      }
      return n;
    }

    private Node alternation() {
      List<Node> branches = new ArrayList<>();
      branches.add(sequence());
      while (i < s.length() && s.charAt(i) == '|') {
        i++;
        branches.add(sequence());
      }
      return branches.size() == 1 ? branches.get(0) : new Alt(branches);
    }

    private Node sequence() {
      List<Node> items = new ArrayList<>();
      while (i < s.length() && s.charAt(i) != '|' && s.charAt(i) != ')') {
        items.add(quantified(atom()));
      }
      return items.size() == 1 ? items.get(0) : new Seq(items);
    }

    private Node quantified(Node atom) {
      while (i < s.length()) {
        char c = s.charAt(i);
        int min;
        int max;
        if (c == '?') {
          min = 0;
          max = 1;
          i++;
        } else if (c == '*') {
          min = 0;
          max = -1;
          i++;
        } else if (c == '+') {
          min = 1;
          max = -1;
          i++;
        } else if (c == '{') {
          int close = s.indexOf('}', i);
          if (close < 0) {
            throw new Unsupported("'{' without '}'");
          }
          String[] bounds = s.substring(i + 1, close).split(",", -1);
          try {
            min = Integer.parseInt(bounds[0].strip());
            max = bounds.length == 1 ? min : bounds[1].isBlank() ? -1 : Integer.parseInt(bounds[1].strip());
          } catch (NumberFormatException e) {
            throw new Unsupported("bad repetition " + s.substring(i, close + 1));
          }
          if (bounds.length > 2) {
            throw new Unsupported("bad repetition " + s.substring(i, close + 1));
          }
          i = close + 1;
        } else {
          return atom;
        }
        if (i < s.length() && (s.charAt(i) == '?' || s.charAt(i) == '+')) {
          i++; // lazy or possessive: the same strings can match
        }
        if (atom instanceof Look || atom instanceof Empty) {
          throw new Unsupported("repeated zero-width construct");
        }
        atom = new Repeat(atom, min, max);
      }
      return atom;
    }

    private Node atom() {
      char c = s.charAt(i);
      switch (c) {
        case '(':
          return group();
        case '[':
          return charClass();
        case '\\':
          return escape();
        case '.':
          i++;
          return new CharSet(null, ".");
        case '^':
        case '$':
          i++;
          return new Empty(String.valueOf(c));
        case '*':
        case '+':
        case '?':
        case '{':
          throw new Unsupported("dangling quantifier at " + i);
        default:
          i++;
          return new Lit(c);
      }
    }

    private Node group() {
      i++; // '('
      Node out;
      if (s.startsWith("?:", i) || s.startsWith("?>", i)) {
        i += 2; // non-capturing; atomic: each match is one of the inner ones
        out = alternation();
      } else if (s.startsWith("?=", i) || s.startsWith("?!", i)) {
        boolean negative = s.charAt(i + 1) == '!';
        i += 2;
        out = new Look(alternation(), false, negative);
      } else if (s.startsWith("?<=", i) || s.startsWith("?<!", i)) {
        boolean negative = s.charAt(i + 2) == '!';
        i += 3;
        out = new Look(alternation(), true, negative);
      } else if (s.startsWith("?<", i)) {
        int close = s.indexOf('>', i);
        if (close < 0) {
          throw new Unsupported("bad named group");
        }
        i = close + 1;
        out = alternation();
      } else if (i < s.length() && s.charAt(i) == '?') {
        throw new Unsupported("inline flags or unknown group at " + i); // (?i), (?x): change what literals mean
      } else {
        out = alternation();
      }
      if (i >= s.length() || s.charAt(i) != ')') {
        throw new Unsupported("unclosed group");
      }
      i++;
      return out;
    }

    private Node escape() {
      if (i + 1 >= s.length()) {
        throw new Unsupported("trailing backslash");
      }
      char e = s.charAt(i + 1);
      i += 2;
      switch (e) {
        case 'b':
          if (i < s.length() && s.charAt(i) == '{') {
            throw new Unsupported("\\b{...}");
          }
          return new Empty("\\b");
        case 'B':
        case 'A':
        case 'G':
        case 'Z':
        case 'z':
          return new Empty("\\" + e);
        case 'd':
        case 'D':
        case 's':
        case 'S':
        case 'w':
        case 'W':
        case 'h':
        case 'H':
        case 'v':
        case 'V':
          return new CharSet(null, "\\" + e);
        case 'p':
        case 'P':
          skipProperty();
          return new CharSet(null, "\\" + e);
        case 't':
          return new Lit('\t');
        case 'n':
          return new Lit('\n');
        case 'r':
          return new Lit('\r');
        case 'f':
          return new Lit('\f');
        case 'a':
          return new Lit('\u0007');
        case 'e':
          return new Lit('\u001B');
        default:
          if (Character.isLetterOrDigit(e)) {
            throw new Unsupported("escape \\" + e); // \Q, \x, unicode escapes, \1, \k, \R, \X, \N...
          }
          return new Lit(e);
      }
    }

    private void skipProperty() {
      if (i < s.length() && s.charAt(i) == '{') {
        int close = s.indexOf('}', i);
        if (close < 0) {
          throw new Unsupported("bad \\p{...}");
        }
        i = close + 1;
      } else {
        i++;
      }
    }

    /** A class: a short list of literal characters and small ranges is followed, anything else is "some character". */
    private Node charClass() {
      int open = i;
      i++; // '['
      boolean negated = i < s.length() && s.charAt(i) == '^';
      if (negated) {
        i++;
      }
      if (i < s.length() && s.charAt(i) == ']') {
        throw new Unsupported("']' first in a class");
      }
      Set<Character> members = new TreeSet<>();
      boolean known = !negated;
      while (true) {
        if (i >= s.length()) {
          throw new Unsupported("unclosed class");
        }
        char c = s.charAt(i);
        if (c == ']') {
          i++;
          break;
        }
        if (c == '[' || s.startsWith("&&", i)) {
          throw new Unsupported("nested class or intersection");
        }
        char lo;
        if (c == '\\') {
          if (i + 1 >= s.length()) {
            throw new Unsupported("trailing backslash");
          }
          char e = s.charAt(i + 1);
          i += 2;
          if ("dDsSwWhHvV".indexOf(e) >= 0) {
            known = false;
            continue;
          }
          if (e == 'p' || e == 'P') {
            skipProperty();
            known = false;
            continue;
          }
          if (Character.isLetterOrDigit(e)) {
            throw new Unsupported("escape \\" + e + " in a class");
          }
          lo = e;
        } else {
          lo = c;
          i++;
        }
        if (i + 1 < s.length() && s.charAt(i) == '-' && s.charAt(i + 1) != ']') {
          char hi = s.charAt(i + 1);
          if (hi == '\\' || hi == '[') {
            throw new Unsupported("escaped range end");
          }
          i += 2;
          if (hi - lo > MAX_EXACT) {
            known = false;
          } else {
            for (char x = lo; x <= hi; x++) members.add(x);
          }
        } else {
          members.add(lo);
        }
      }
      return new CharSet(known && members.size() <= MAX_EXACT ? members : null, s.substring(open, i));
    }
  }

  // ---- analysis ----

  /**
   * What is known of the text a node matches: {@code exact}, when not null, lists every string it can
   * match; {@code groups} are conditions on the sentence (a string of each must stand in it).
   */
  private record Info(Set<String> exact, List<Set<String>> groups) {}

  private static Info exactly(Set<String> exact) {
    return new Info(exact, List.of());
  }

  private static Info analyse(Node n) {
    if (n instanceof Lit l) {
      return exactly(Set.of(String.valueOf(l.c())));
    }
    if (n instanceof CharSet c) {
      if (c.members() == null) {
        return new Info(null, List.of());
      }
      Set<String> out = new LinkedHashSet<>();
      c.members().forEach(x -> out.add(String.valueOf(x)));
      return exactly(out);
    }
    if (n instanceof Empty) {
      return exactly(Set.of(""));
    }
    if (n instanceof Look look) {
      // its text stands in the sentence next to the match: a condition, but no text of the match
      return new Info(Set.of(""), look.negative() ? List.of() : allGroups(analyse(look.node())));
    }
    if (n instanceof Seq seq) {
      return sequence(seq.items().stream().map(RegexPrerequisites::analyse).toList());
    }
    if (n instanceof Alt alt) {
      return alternation(alt.branches().stream().map(RegexPrerequisites::analyse).toList());
    }
    Repeat r = (Repeat) n;
    Info inner = analyse(r.node());
    if (r.min() == 0) {
      if (r.max() == 1 && inner.exact() != null && inner.exact().size() < MAX_EXACT) {
        Set<String> out = new LinkedHashSet<>(inner.exact());
        out.add("");
        return exactly(out); // the lookaround conditions inside may not apply: dropped
      }
      return new Info(null, List.of());
    }
    if (r.min() == r.max() && inner.exact() != null) {
      List<Info> copies = new ArrayList<>();
      for (int k = 0; k < r.min(); k++) copies.add(inner);
      return sequence(copies);
    }
    return new Info(null, allGroups(inner)); // at least one occurrence
  }

  /**
   * Concatenation: runs of adjacent exact parts multiply out while small ("ban" then " " gives
   * "ban "); a run that cannot go on becomes a group.
   */
  private static Info sequence(List<Info> parts) {
    List<Set<String>> groups = new ArrayList<>();
    Set<String> run = Set.of("");
    boolean whole = true;
    for (Info p : parts) {
      groups.addAll(p.groups());
      if (run != null && p.exact() != null && (long) run.size() * p.exact().size() <= MAX_EXACT) {
        Set<String> next = new LinkedHashSet<>();
        for (String a : run) for (String b : p.exact()) next.add(a + b);
        run = next;
      } else {
        whole = false;
        addGroup(groups, run);
        run = p.exact();
      }
    }
    if (whole) {
      return new Info(run, groups);
    }
    addGroup(groups, run);
    return new Info(null, groups);
  }

  /** Alternation: the union of exact sets while small; else one group, the best group of every branch joined. */
  private static Info alternation(List<Info> branches) {
    if (branches.stream().allMatch(b -> b.exact() != null && b.groups().isEmpty())) {
      Set<String> union = new LinkedHashSet<>();
      branches.forEach(b -> union.addAll(b.exact()));
      if (union.size() <= MAX_EXACT) {
        return exactly(union);
      }
    }
    Set<String> joined = new LinkedHashSet<>();
    for (Info b : branches) {
      List<Set<String>> own = simplifyGroups(allGroups(b));
      if (own.isEmpty()) {
        return new Info(null, List.of()); // a branch with no condition: the alternation has none
      }
      joined.addAll(own.stream().max(Comparator.comparingInt(RegexPrerequisites::selectivity)).orElseThrow());
    }
    return new Info(null, List.of(joined));
  }

  /** A group's worth: its shortest string's length, less a little per string. */
  private static int selectivity(Set<String> group) {
    int shortest = group.stream().mapToInt(String::length).min().orElse(0);
    return shortest * 4 - group.size();
  }

  private static void addGroup(List<Set<String>> groups, Set<String> strings) {
    if (strings != null && !strings.isEmpty() && !strings.contains("")) {
      groups.add(strings);
    }
  }

  private static List<Set<String>> allGroups(Info info) {
    List<Set<String>> out = new ArrayList<>(info.groups());
    addGroup(out, info.exact());
    return out;
  }

  // ---- simplification: every step only weakens a condition or drops one, so soundness stays ----

  private static List<List<String>> simplify(List<Set<String>> groups, List<String> anchors) {
    List<Set<String>> out = simplifyGroups(groups);
    if (!anchors.isEmpty()) {
      // the pattern is tried only where one of its anchor words starts: a group every anchor contains a string of holds there
      out.removeIf(g -> anchors.stream().allMatch(a -> g.stream().anyMatch(a::contains)));
      // and a group of the words it starts with ("requires ", "told ") is what the attempt there checks first, at no more cost
      out.removeIf(g -> g.stream().allMatch(x -> anchors.stream().anyMatch(a -> related(a, x)))
          && anchors.stream().allMatch(a -> g.stream().anyMatch(x -> related(a, x))));
    }
    out.removeIf(g -> g.size() > MAX_GROUP || g.stream().anyMatch(x -> x.length() < 2)); // "s" or " " stands nearly everywhere
    out.sort(Comparator.comparingInt((Set<String> g) -> g.size()).thenComparing(g -> -selectivity(g)));
    return out.stream().limit(MAX_GROUPS).map(g -> (List<String>) List.copyOf(g)).toList();
  }

  private static boolean related(String anchor, String s) {
    return s.startsWith(anchor) || anchor.startsWith(s);
  }

  private static List<Set<String>> simplifyGroups(List<Set<String>> groups) {
    List<Set<String>> out = new ArrayList<>();
    for (Set<String> g : groups) {
      Set<String> m = minimal(g);
      addNew(out, mergePrefixes(m));
      // "came into effect", "took effect"...: the piece all share, one cheap check before the longer list
      String common = m.size() > 1 ? commonSubstring(m) : "";
      if (common.length() >= MIN_COMMON) {
        addNew(out, Set.of(common));
      }
    }
    // a group implied by another (each string of the other contains one of its strings) adds nothing,
    // unless it is the cheaper one to check first
    for (int a = 0; a < out.size(); a++) {
      for (int b = 0; b < out.size(); b++) {
        if (a != b && out.get(a).size() >= out.get(b).size() && implies(out.get(b), out.get(a))) {
          out.remove(a--);
          break;
        }
      }
    }
    return out;
  }

  private static void addNew(List<Set<String>> groups, Set<String> g) {
    if (!groups.contains(g)) {
      groups.add(g);
    }
  }

  /** Drops strings that contain another string of the group: the group holds exactly when before. */
  private static Set<String> minimal(Set<String> group) {
    Set<String> out = new LinkedHashSet<>();
    for (String s : group) {
      if (group.stream().noneMatch(o -> !o.equals(s) && s.contains(o))) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * While a group has more than MAX_STRINGS strings, the two sharing the longest prefix (at least
   * MIN_PREFIX characters) become that prefix: "to halt all sales", "to halt shipments" → "to halt ".
   */
  private static Set<String> mergePrefixes(Set<String> group) {
    TreeSet<String> sorted = new TreeSet<>(group);
    while (sorted.size() > MAX_STRINGS) {
      String best = "";
      String previous = null;
      for (String s : sorted) {
        if (previous != null) {
          String common = commonPrefix(previous, s);
          if (common.length() > best.length()) {
            best = common;
          }
        }
        previous = s;
      }
      if (best.length() < MIN_PREFIX) {
        break;
      }
      String prefix = best;
      sorted.removeIf(s -> s.startsWith(prefix));
      sorted.add(prefix);
    }
    return minimal(new LinkedHashSet<>(sorted));
  }

  /** The longest string that every string of the group contains ("" when none). */
  private static String commonSubstring(Set<String> group) {
    String shortest = group.stream().min(Comparator.comparingInt(String::length)).orElse("");
    for (int len = shortest.length(); len > 0; len--) {
      for (int from = 0; from + len <= shortest.length(); from++) {
        String candidate = shortest.substring(from, from + len);
        if (group.stream().allMatch(s -> s.contains(candidate))) {
          return candidate;
        }
      }
    }
    return "";
  }

  private static String commonPrefix(String a, String b) {
    int n = 0;
    while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) n++;
    return a.substring(0, n);
  }

  /** Whether a sentence containing a string of {@code strong} always contains one of {@code weak}. */
  private static boolean implies(Set<String> strong, Set<String> weak) {
    return strong.stream().allMatch(s -> weak.stream().anyMatch(s::contains));
  }
}
