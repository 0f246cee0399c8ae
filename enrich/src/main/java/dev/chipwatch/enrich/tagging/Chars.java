package dev.chipwatch.enrich.tagging;

/** Character tests with an ASCII fast path: Character's own methods walk Unicode tables per call. */
final class Chars {
  private static final boolean[] ASCII_WORD = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_WORD[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
  }

  private Chars() {}

  static boolean isWordChar(char c) {
    return c < 128 ? ASCII_WORD[c] : Character.isLetterOrDigit(c);
  }

  static boolean isLetter(char c) {
    return c < 128 ? ASCII_WORD[c] && (c > '9') : Character.isLetter(c);
  }

  static char toLower(char c) {
    return c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
  }
}
