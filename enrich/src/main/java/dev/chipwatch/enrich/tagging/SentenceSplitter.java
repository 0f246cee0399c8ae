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
      splitParagraph(text, from, nl, out);
      from = nl + 1;
    }
    splitParagraph(text, from, text.length(), out);
    return out;
  }

  /** The sentences of text[from, n): one paragraph, read without copying it. */
  private static void splitParagraph(String text, int from, int n, List<int[]> out) {
    int start = skipSpaces(text, from, n);
    // the next '.', '!' and '?' at or after the cursor, found with indexOf (vectorised) rather than char by char
    int dot = within(text.indexOf('.', start), n);
    int bang = within(text.indexOf('!', start), n);
    int question = within(text.indexOf('?', start), n);
    while (true) {
      int i = nearest(dot, bang, question);
      if (i < 0) {
        break;
      }
      int next = i + 1;
      if (endsSentence(text, i, n)) {
        int end = i + 1;
        while (end < n && (text.charAt(end) == '"' || text.charAt(end) == '\'' || text.charAt(end) == ')')) end++;
        add(out, text, start, end);
        start = skipSpaces(text, end, n);
        next = start;
      }
      if (dot >= 0 && dot < next) dot = within(text.indexOf('.', next), n);
      if (bang >= 0 && bang < next) bang = within(text.indexOf('!', next), n);
      if (question >= 0 && question < next) question = within(text.indexOf('?', next), n);
    }
    add(out, text, start, n);
  }

  /** An offset found by indexOf, or -1 when it lies past the paragraph's end. */
  private static int within(int at, int n) {
    return at >= n ? -1 : at;
  }

  /** The smallest of the offsets that are not -1, or -1. */
  private static int nearest(int a, int b, int c) {
    int m = a;
    if (b >= 0 && (m < 0 || b < m)) m = b;
    if (c >= 0 && (m < 0 || c < m)) m = c;
    return m;
  }

  private static boolean endsSentence(String text, int i, int n) {
    int j = i + 1;
    while (j < n && (text.charAt(j) == '"' || text.charAt(j) == '\'' || text.charAt(j) == ')')) j++;
    if (j >= n) {
      return true;
    }
    if (text.charAt(j) != ' ') {
      return false;
    }
    j = skipSpaces(text, j, n);
    if (j >= n) {
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

  private static int skipSpaces(String text, int i, int n) {
    while (i < n && Character.isWhitespace(text.charAt(i))) i++;
    return i;
  }
}
