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
  private static final List<Cue> CATEGORIES = new ArrayList<>();
  private static final List<Boolean> STEMS = new ArrayList<>();
  private static final List<Integer> ANCHOR_INDEX = new ArrayList<>();
  private static final AhoCorasick AUTOMATON;

  static {
    for (Cue cue : Cue.values()) {
      for (String p : cue.phrases) {
        boolean stem = p.endsWith("*");
        PHRASES.add(stem ? p.substring(0, p.length() - 1) : p);
        CATEGORIES.add(cue);
        STEMS.add(stem);
        ANCHOR_INDEX.add(-1);
      }
    }
    // the first words of trigger patterns, so that one scan serves both (prefixes: "restrict" covers "restricted")
    List<String> anchors = TriggerLexicon.anchorWords();
    for (int i = 0; i < anchors.size(); i++) {
      PHRASES.add(anchors.get(i));
      CATEGORIES.add(Cue.ANCHOR);
      STEMS.add(true);
      ANCHOR_INDEX.add(i);
    }
    AUTOMATON = new AhoCorasick(PHRASES);
  }

  private static final List<Hit> NONE = List.of();
  /** Hits by kind (indexed by ordinal), each in text order, so a query reads only its own kind. */
  private final List<Hit>[] byCue;
  private final List<Hit> anchors;

  @SuppressWarnings("unchecked")
  private Cues(List<Hit> hits, List<Hit> anchors) {
    this.byCue = new List[Cue.values().length];
    for (Hit h : hits) {
      int k = h.cue().ordinal();
      if (byCue[k] == null) {
        byCue[k] = new ArrayList<>(4);
      }
      byCue[k].add(h);
    }
    this.anchors = anchors;
  }

  private List<Hit> of(Cue cue) {
    List<Hit> list = byCue[cue.ordinal()];
    return list == null ? NONE : list;
  }

  /** Where trigger patterns may start. */
  List<Hit> anchors() {
    return anchors;
  }

  static Cues scan(String lower) {
    List<Hit> hits = new ArrayList<>();
    List<Hit> anchors = new ArrayList<>();
    AUTOMATON.scan(lower, (p, end) -> {
      int start = end - PHRASES.get(p).length();
      if (start > 0 && Chars.isWordChar(lower.charAt(start - 1))) {
        return;
      }
      int stop = end;
      if (CATEGORIES.get(p) == Cue.ANCHOR) {
        anchors.add(new Hit(start, end, Cue.ANCHOR, ANCHOR_INDEX.get(p)));
        return;
      }
      if (STEMS.get(p)) {
        while (stop < lower.length() && Chars.isLetter(lower.charAt(stop))) stop++;
      } else if (end < lower.length() && Chars.isWordChar(lower.charAt(end))) {
        return;
      }
      hits.add(new Hit(start, stop, CATEGORIES.get(p), -1));
    });
    return new Cues(hits, anchors);
  }

  /** Whether a cue of this kind lies wholly within [from, to). */
  boolean any(Cue cue, int from, int to) {
    return first(cue, from, to) != null;
  }

  Hit first(Cue cue, int from, int to) {
    for (Hit h : of(cue)) {
      if (h.start() >= from && h.end() <= to) {
        return h;
      }
    }
    return null;
  }

  /** Hits of a kind within [from, to), in order. */
  List<Hit> all(Cue cue, int from, int to) {
    List<Hit> list = of(cue);
    if (list.isEmpty()) {
      return NONE;
    }
    List<Hit> out = new ArrayList<>(list.size());
    for (Hit h : list) {
      if (h.start() >= from && h.end() <= to) {
        out.add(h);
      }
    }
    return out;
  }

  /** The last hit of a kind ending at or before offset within [from, offset). */
  Hit last(Cue cue, int from, int offset) {
    Hit out = null;
    for (Hit h : of(cue)) {
      if (h.start() >= from && h.end() <= offset) {
        out = h;
      }
    }
    return out;
  }
}
