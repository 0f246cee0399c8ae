package dev.chipwatch.enrich.tagging;

import java.util.ArrayList;
import java.util.List;

/** The {@link Cue} words of one lower-cased sentence, found in one scan, with range queries. */
final class Cues {
  /**
   * A cue word or phrase at [start, end); for {@link Cue#ANCHOR} hits, {@code anchor} is the index of
   * the trigger anchor word in {@link TriggerLexicon#anchorWords()}, else -1.
   */
  record Hit(int start, int end, Cue cue, int anchor) {}

  private static final List<String> PHRASES = new ArrayList<>();
  // per phrase, in arrays: read once per scan hit, and hits are many
  private static final int[] LENGTHS;
  private static final Cue[] CATEGORIES;
  private static final boolean[] STEMS;
  private static final int[] ANCHOR_INDEX;

  static {
    List<Cue> categories = new ArrayList<>();
    List<Boolean> stems = new ArrayList<>();
    List<Integer> anchorIndex = new ArrayList<>();
    for (Cue cue : Cue.values()) {
      for (String p : cue.phrases) {
        boolean stem = p.endsWith("*");
        PHRASES.add(stem ? p.substring(0, p.length() - 1) : p);
        categories.add(cue);
        stems.add(stem);
        anchorIndex.add(-1);
      }
    }
    // the first words of trigger patterns, so that one scan serves both (prefixes: "restrict" covers "restricted")
    List<String> anchors = TriggerLexicon.anchorWords();
    for (int i = 0; i < anchors.size(); i++) {
      PHRASES.add(anchors.get(i));
      categories.add(Cue.ANCHOR);
      stems.add(true);
      anchorIndex.add(i);
    }
    int n = PHRASES.size();
    LENGTHS = new int[n];
    CATEGORIES = categories.toArray(new Cue[0]);
    STEMS = new boolean[n];
    ANCHOR_INDEX = new int[n];
    for (int i = 0; i < n; i++) {
      LENGTHS[i] = PHRASES.get(i).length();
      STEMS[i] = stems.get(i);
      ANCHOR_INDEX[i] = anchorIndex.get(i);
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

  /** The phrases to look for: pattern {@code i} of a scan is phrase {@code i}. */
  static List<String> patterns() {
    return List.copyOf(PHRASES);
  }

  /**
   * Keeps a scan hit of phrase {@code pattern} ending at {@code end} if it starts a word (and, unless
   * the phrase is a stem, ends one) and lies within the sentence at [from, to) of the text; a stem's
   * hit runs to the end of its word. Offsets are made relative to the sentence.
   */
  static void collect(String text, int pattern, int end, int from, int to, List<Hit> hits, List<Hit> anchors) {
    int start = end - LENGTHS[pattern];
    if (start < from || (start > 0 && Chars.isWordChar(text.charAt(start - 1)))) {
      return;
    }
    Cue cue = CATEGORIES[pattern];
    if (cue == Cue.ANCHOR) {
      anchors.add(new Hit(start - from, end - from, Cue.ANCHOR, ANCHOR_INDEX[pattern]));
      return;
    }
    int stop = end;
    if (STEMS[pattern]) {
      while (stop < to && Chars.isLetter(text.charAt(stop))) stop++;
    } else if (end < to && Chars.isWordChar(text.charAt(end))) {
      return;
    }
    hits.add(new Hit(start - from, stop - from, cue, -1));
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
