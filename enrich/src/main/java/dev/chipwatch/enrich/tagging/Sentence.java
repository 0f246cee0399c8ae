package dev.chipwatch.enrich.tagging;

import java.util.List;

/**
 * One sentence of an article: its place in the article text, its text in original and lower case,
 * the names found in it (offsets relative to the sentence) and its cue words.
 *
 * @param index position in the article, 0 = first sentence of the title
 * @param inTitle the sentence comes from the headline
 */
record Sentence(int index, boolean inTitle, String text, String lower, List<Mention> mentions, Cues cues) {}
