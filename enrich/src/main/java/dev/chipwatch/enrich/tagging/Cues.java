package dev.chipwatch.enrich.tagging;

import java.util.ArrayList;
import java.util.List;

/** The {@link Cue} words of one lower-cased sentence, found in one scan, with range queries. */
final class Cues {
  /**
   * A cue word or phrase at [start, end); for {@link Cue#ANCHOR} hits, {@code anchor} is the index of
   * the trigger anchor word in the scanning lexicon's {@link TriggerLexicon#anchorWords()}, else -1.
   */
  record Hit(int start, int end, Cue cue, int anchor) {}

  /**
   * The phrases one scan looks for: every cue word of a {@link CueRules} (kind by kind, in the order
   * of {@link Cue}), then the anchor words of one {@link TriggerLexicon} (so a lexicon with other
   * rules or cue words gets its own table).
   */
  static final class Table {
    private final List<String> phrases = new ArrayList<>();
    // per phrase, in arrays: read once per scan hit, and hits are many
    private final int[] lengths;
    private final Cue[] categories;
    private final boolean[] stems;
    private final int[] anchorIndex;

    Table(CueRules cueRules, List<String> anchors) {
      List<Cue> categories = new ArrayList<>();
      List<Boolean> stems = new ArrayList<>();
      List<Integer> anchorIndex = new ArrayList<>();
      for (Cue cue : Cue.values()) {
        for (String p : cueRules.phrases(cue)) {
          boolean stem = p.endsWith("*");
          phrases.add(stem ? p.substring(0, p.length() - 1) : p);
          categories.add(cue);
          stems.add(stem);
          anchorIndex.add(-1);
        }
      }
      // the first words of trigger patterns, so that one scan serves both (prefixes: "restrict" covers "restricted")
      for (int i = 0; i < anchors.size(); i++) {
        phrases.add(anchors.get(i));
        categories.add(Cue.ANCHOR);
        stems.add(true);
        anchorIndex.add(i);
      }
      int n = phrases.size();
      this.lengths = new int[n];
      this.categories = categories.toArray(new Cue[0]);
      this.stems = new boolean[n];
      this.anchorIndex = new int[n];
      for (int i = 0; i < n; i++) {
        lengths[i] = phrases.get(i).length();
        this.stems[i] = stems.get(i);
        this.anchorIndex[i] = anchorIndex.get(i);
      }
    }

    /** The phrases to look for: pattern {@code i} of a scan is phrase {@code i}. */
    List<String> patterns() {
      return List.copyOf(phrases);
    }

    /**
     * Keeps a scan hit of phrase {@code pattern} ending at {@code end} if it starts a word (and, unless
     * the phrase is a stem, ends one) and lies within the sentence at [from, to) of the text; a stem's
     * hit runs to the end of its word. Offsets are made relative to the sentence.
     */
    void collect(String text, int pattern, int end, int from, int to, List<Hit> hits, List<Hit> anchors) {
      int start = end - lengths[pattern];
      if (start < from || (start > 0 && Chars.isWordChar(text.charAt(start - 1)))) {
        return;
      }
      Cue cue = categories[pattern];
      if (cue == Cue.ANCHOR) {
        anchors.add(new Hit(start - from, end - from, Cue.ANCHOR, anchorIndex[pattern]));
        return;
      }
      int stop = end;
      if (stems[pattern]) {
        while (stop < to && Chars.isLetter(text.charAt(stop))) stop++;
      } else if (end < to && Chars.isWordChar(text.charAt(end))) {
        return;
      }
      hits.add(new Hit(start - from, stop - from, cue, -1));
    }
  }

  private static final List<Hit> NONE = List.of();
  private static final int KINDS = Cue.values().length;
  /** The hits grouped by kind (stable: each kind in text order), kind k at [start[k], start[k + 1]). */
  private final Hit[] hits;
  private final int[] start;
  private final List<Hit> anchors;

  private Cues(List<Hit> found, List<Hit> anchors) {
    this.start = new int[KINDS + 1];
    for (int i = 0, n = found.size(); i < n; i++) {
      start[found.get(i).cue().ordinal() + 1]++;
    }
    for (int k = 0; k < KINDS; k++) {
      start[k + 1] += start[k];
    }
    this.hits = new Hit[found.size()];
    int[] next = java.util.Arrays.copyOf(start, KINDS);
    for (int i = 0, n = found.size(); i < n; i++) {
      Hit h = found.get(i);
      hits[next[h.cue().ordinal()]++] = h;
    }
    this.anchors = anchors;
  }

  /** Where trigger patterns may start. */
  List<Hit> anchors() {
    return anchors;
  }

  /** The cues of one sentence: hits with offsets relative to it, each list in the order the scan found them. */
  static Cues of(List<Hit> hits, List<Hit> anchors) {
    return new Cues(hits, anchors);
  }

  /** Whether a cue of this kind lies wholly within [from, to). */
  boolean any(Cue cue, int from, int to) {
    return first(cue, from, to) != null;
  }

  Hit first(Cue cue, int from, int to) {
    for (int i = start[cue.ordinal()], end = start[cue.ordinal() + 1]; i < end; i++) {
      Hit h = hits[i];
      if (h.start() >= from && h.end() <= to) {
        return h;
      }
    }
    return null;
  }

  /** Hits of a kind within [from, to), in order. */
  List<Hit> all(Cue cue, int from, int to) {
    List<Hit> out = null;
    for (int i = start[cue.ordinal()], end = start[cue.ordinal() + 1]; i < end; i++) {
      Hit h = hits[i];
      if (h.start() >= from && h.end() <= to) {
        if (out == null) {
          out = new ArrayList<>(end - i);
        }
        out.add(h);
      }
    }
    return out == null ? NONE : out;
  }

  /** The last hit of a kind ending at or before offset within [from, offset). */
  Hit last(Cue cue, int from, int offset) {
    Hit out = null;
    for (int i = start[cue.ordinal()], end = start[cue.ordinal() + 1]; i < end; i++) {
      Hit h = hits[i];
      if (h.start() >= from && h.end() <= offset) {
        out = h;
      }
    }
    return out;
  }
}
