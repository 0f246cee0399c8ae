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

  TextScanner(MentionFinder names) {
    this.names = names;
    List<String> patterns = new ArrayList<>(names.patterns());
    this.nameCount = patterns.size();
    patterns.addAll(Cues.patterns());
    this.automaton = new AhoCorasick(patterns);
  }

  /** What a scan found: name candidates (not yet resolved) and cue hits, offsets in the scanned text. */
  record Found(List<Mention> nameCandidates, List<Cues.Hit> cues, List<Cues.Hit> anchors) {}

  Found scan(String text) {
    Found found = new Found(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    automaton.scan(text, (p, end) -> {
      if (p < nameCount) {
        names.collect(text, p, end, found.nameCandidates());
      } else {
        Cues.collect(text, p - nameCount, end, found.cues(), found.anchors());
      }
    });
    return found;
  }
}
