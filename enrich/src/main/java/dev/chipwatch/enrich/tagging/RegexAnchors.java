package dev.chipwatch.enrich.tagging;

import java.util.ArrayList;
import java.util.List;

/**
 * The literal word starts a pattern can begin with ("\\b(?:ban|bars?)..." begins with "ban" or
 * "bar"), so that a pattern is tried only where one of them stands instead of at every character.
 * Returns an empty list when a pattern has no literal start, meaning: try it everywhere.
 */
final class RegexAnchors {
  private RegexAnchors() {}

  static List<String> of(String regex) {
    List<String> out = new ArrayList<>();
    for (String branch : topLevelBranches(regex)) {
      String b = branch.startsWith("\\b") ? branch.substring(2) : branch;
      if (b.startsWith("(?<=") || b.startsWith("(?<!")) {
        b = b.substring(closingParen(b, 0) + 1); // a lookbehind consumes nothing: the match starts after it
      }
      if (b.startsWith("(?:")) {
        int close = closingParen(b, 0);
        List<String> inner = of(b.substring(3, close));
        if (inner.isEmpty()) {
          return List.of();
        }
        out.addAll(inner);
        continue;
      }
      String literal = literalPrefix(b);
      if (literal.isEmpty()) {
        return List.of();
      }
      out.add(literal);
    }
    return out;
  }

  /** Leading characters up to the first one with a regex meaning; a char before '?', '*' or '{' is optional, so dropped. */
  private static String literalPrefix(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '.' || s.charAt(i + 1) == '$')) {
        sb.append(s.charAt(++i));
        continue;
      }
      if ("[(\\.?*+{|^$)".indexOf(c) >= 0) {
        if ((c == '?' || c == '*' || c == '{') && sb.length() > 0) {
          sb.setLength(sb.length() - 1);
        }
        break;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static List<String> topLevelBranches(String regex) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        while (i < regex.length() && regex.charAt(i) != ']') i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        out.add(regex.substring(start, i));
        start = i + 1;
      }
    }
    out.add(regex.substring(start));
    return out;
  }

  private static int closingParen(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        while (i < s.length() && s.charAt(i) != ']') i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced pattern: " + s);
  }
}
