package dev.chipwatch.enrich.tagging;

/**
 * Whole-word look-ups in a lower-cased sentence, for word lists that a regex alternation would try at
 * every character: a few indexOf calls instead.
 */
final class Words {
  private Words() {}

  /** Whether one of {@code words} (or phrases) stands in [from, to) as a whole word. */
  static boolean anyWithin(String lower, int from, int to, String[] words) {
    from = Math.max(0, from);
    to = Math.min(lower.length(), to);
    for (String w : words) {
      for (int at = lower.indexOf(w, from); at >= 0 && at + w.length() <= to; at = lower.indexOf(w, at + 1)) {
        boolean startOk = at == 0 || !Chars.isWordChar(lower.charAt(at - 1));
        int end = at + w.length();
        boolean endOk = end == lower.length() || !Chars.isWordChar(lower.charAt(end)) || w.endsWith("-");
        if (startOk && endOk) {
          return true;
        }
      }
    }
    return false;
  }
}
