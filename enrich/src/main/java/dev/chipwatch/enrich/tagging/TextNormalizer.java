package dev.chipwatch.enrich.tagging;

/**
 * Maps typographic variants to plain ASCII one character for one, so that offsets into the
 * normalised text are offsets into the original: curly quotes, dashes, non-breaking spaces.
 */
final class TextNormalizer {
  private TextNormalizer() {}

  /** Normalises the characters where they are; whether any changed. */
  static boolean normalizeInPlace(char[] chars) {
    boolean changed = false;
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (c >= ' ' && c < 0x7f && c != '`') {
        continue; // printable ASCII: the common case, nothing to map
      }
      char r = switch (c) {
        case '\u2018', '\u2019', '\u02bc', '\u2032', '`' -> '\'';
        case '\u201c', '\u201d', '\u201e', '\u2033' -> '"';
        case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> '-';
        case '\u00a0', '\u2009', '\u202f', '\t', '\r' -> ' '; // a line break stays: it ends a paragraph
        default -> c;
      };
      if (r != c) {
        chars[i] = r;
        changed = true;
      }
    }
    return changed;
  }
}
