package dev.chipwatch.enrich.tagging;

import java.util.ArrayList;
import java.util.List;

/**
 * One automaton scan over a part of an article for both the taxonomy's names and the cue words of
 * {@link Cues}: the text is read once, not once for names and again per sentence for cues.
 */
final class TextScanner {
  private final MentionFinder names;
  private final int nameCount;
  private final AhoCorasick automaton;
  /** The cue words and trigger anchors looked for, or null for names only. */
  private final Cues.Table cues;

  private TextScanner(MentionFinder names, Cues.Table cues) {
    this.names = names;
    this.cues = cues;
    List<String> patterns = new ArrayList<>(names.patterns());
    this.nameCount = patterns.size();
    if (cues != null) {
      patterns.addAll(cues.patterns());
    }
    this.automaton = new AhoCorasick(patterns);
  }

  /** Names and cue words (with a lexicon's trigger anchors), for the tagger. */
  static TextScanner namesAndCues(MentionFinder names, Cues.Table cues) {
    return new TextScanner(names, cues);
  }

  /** Names only, for {@link NameMatcher}. */
  static TextScanner namesOnly(MentionFinder names) {
    return new TextScanner(names, null);
  }

  /**
   * What a scan found: name candidates (not yet resolved, offsets in the text) and, per sentence, its
   * cue hits and trigger anchors (offsets in the sentence).
   */
  record Found(List<Mention> nameCandidates, List<List<Cues.Hit>> cues, List<List<Cues.Hit>> anchors) {}

  /**
   * Scans a text split into sentences at {@code spans} ([start, end) each, in order); {@code chars}
   * are the text's characters.
   */
  Found scan(String text, char[] chars, List<int[]> spans) {
    Found found = new Found(new ArrayList<>(), new ArrayList<>(spans.size()), new ArrayList<>(spans.size()));
    for (int k = 0; k < spans.size(); k++) {
      found.cues().add(new ArrayList<>());
      found.anchors().add(new ArrayList<>());
    }
    int[] sentence = {0}; // hits come in the order they end: the sentence only moves forward
    automaton.scan(chars, (p, end) -> {
      if (p < nameCount) {
        names.collect(text, p, end, found.nameCandidates());
        return;
      }
      int k = sentence[0];
      while (k < spans.size() && spans.get(k)[1] < end) k++;
      sentence[0] = k;
      if (k < spans.size()) {
        int[] span = spans.get(k);
        cues.collect(text, p - nameCount, end, span[0], span[1], found.cues().get(k), found.anchors().get(k));
      }
    });
    return found;
  }
}
