package dev.chipwatch.enrich.tagging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits plain text into sentences at '.', '!' or '?' followed by a space and a capital, digit or
 * quote, except after abbreviations ("Mr.", "Corp.", "U.S.") and initials.
 */
final class SentenceSplitter {
  private static final Set<String> ABBREVIATIONS = Set.of(
      "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "st", "inc", "corp", "co", "ltd", "plc",
      "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "no", "nos",
      "approx", "est", "fig", "e.g", "i.e", "etc", "jr", "sr");

  private SentenceSplitter() {}

  /** [start, end) offsets of the sentences in text, trimmed; a line break (a paragraph's end) always ends one. */
  static List<int[]> split(String text) {
    List<int[]> out = new ArrayList<>();
    int from = 0;
    for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      splitParagraph(text.substring(0, nl), from, out);
      from = nl + 1;
    }
    splitParagraph(text, from, out);
    return out;
  }

  /** The sentences of text[from, text.length()). */
  private static void splitParagraph(String text, int from, List<int[]> out) {
    int start = skipSpaces(text, from);
    int n = text.length();
    // the next '.', '!' and '?' at or after the cursor, found with indexOf (vectorised) rather than char by char
    int dot = text.indexOf('.', start);
    int bang = text.indexOf('!', start);
    int question = text.indexOf('?', start);
    while (true) {
      int i = nearest(dot, bang, question);
      if (i < 0) {
        break;
      }
      int next = i + 1;
      if (endsSentence(text, i)) {
        int end = i + 1;
        while (end < n && (text.charAt(end) == '"' || text.charAt(end) == '\'' || text.charAt(end) == ')')) end++;
        add(out, text, start, end);
        start = skipSpaces(text, end);
        next = start;
      }
      if (dot >= 0 && dot < next) dot = text.indexOf('.', next);
      if (bang >= 0 && bang < next) bang = text.indexOf('!', next);
      if (question >= 0 && question < next) question = text.indexOf('?', next);
    }
    add(out, text, start, n);
  }

  /** The smallest of the offsets that are not -1, or -1. */
  private static int nearest(int a, int b, int c) {
    int m = a;
    if (b >= 0 && (m < 0 || b < m)) m = b;
    if (c >= 0 && (m < 0 || c < m)) m = c;
    return m;
  }

  private static boolean endsSentence(String text, int i) {
    int j = i + 1;
    while (j < text.length() && (text.charAt(j) == '"' || text.charAt(j) == '\'' || text.charAt(j) == ')')) j++;
    if (j >= text.length()) {
      return true;
    }
    if (text.charAt(j) != ' ') {
      return false;
    }
    j = skipSpaces(text, j);
    if (j >= text.length()) {
      return true;
    }
    char next = text.charAt(j);
    if (!(Character.isUpperCase(next) || Character.isDigit(next) || next == '"' || next == '\'' || next == '(')) {
      return false;
    }
    if (text.charAt(i) != '.') {
      return true;
    }
    int w = i;
    while (w > 0 && !Character.isWhitespace(text.charAt(w - 1))) w--;
    String word = text.substring(w, i).toLowerCase(Locale.ROOT);
    if (ABBREVIATIONS.contains(word)) {
      return false;
    }
    // initials and dotted abbreviations: "U.S.", "J."
    return !(word.length() == 1 && Chars.isLetter(word.charAt(0))) && !isDottedAbbreviation(word);
  }

  /** "u.s", "e.u", "c.c": single letters joined by dots. */
  private static boolean isDottedAbbreviation(String word) {
    if (word.length() < 3 || word.length() % 2 == 0) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      boolean ok = i % 2 == 0 ? Chars.isLetter(word.charAt(i)) : word.charAt(i) == '.';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static void add(List<int[]> out, String text, int start, int end) {
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
    if (end > start) {
      out.add(new int[] {start, end});
    }
  }

  private static int skipSpaces(String text, int i) {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
    return i;
  }
}
