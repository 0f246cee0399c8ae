package dev.chipwatch.enrich.tagging;

import java.util.List;
import java.util.Locale;

/**
 * One sentence of an article: its place in the article text, its text in original and lower case,
 * and the names found in it (offsets relative to the sentence).
 *
 * @param index position in the article, 0 = first sentence of the title
 * @param inTitle the sentence comes from the headline
 */
record Sentence(int index, boolean inTitle, String text, String lower, List<Mention> mentions) {
  static Sentence of(int index, boolean inTitle, String text, List<Mention> mentions) {
    return new Sentence(index, inTitle, text, text.toLowerCase(Locale.ROOT), List.copyOf(mentions));
  }
}
