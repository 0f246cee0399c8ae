package dev.chipwatch.enrich.tagging;

import java.util.ArrayList;
import java.util.List;

/** The {@link Cue} words of one lower-cased sentence, found in one scan, with range queries. */
final class Cues {
  /** A cue word or phrase at [start, end). */
  record Hit(int start, int end, Cue cue) {}

  private static final List<String> PHRASES = new ArrayList<>();
  private static final List<Cue> CATEGORIES = new ArrayList<>();
  private static final List<Boolean> STEMS = new ArrayList<>();
  private static final AhoCorasick AUTOMATON;

  static {
    for (Cue cue : Cue.values()) {
      for (String p : cue.phrases) {
        boolean stem = p.endsWith("*");
        PHRASES.add(stem ? p.substring(0, p.length() - 1) : p);
        CATEGORIES.add(cue);
        STEMS.add(stem);
      }
    }
    AUTOMATON = new AhoCorasick(PHRASES);
  }

  private final List<Hit> hits;

  private Cues(List<Hit> hits) {
    this.hits = hits;
  }

  static Cues scan(String lower) {
    List<Hit> hits = new ArrayList<>();
    AUTOMATON.scan(lower, (p, end) -> {
      int start = end - PHRASES.get(p).length();
      if (start > 0 && Chars.isWordChar(lower.charAt(start - 1))) {
        return;
      }
      int stop = end;
      if (STEMS.get(p)) {
        while (stop < lower.length() && Chars.isLetter(lower.charAt(stop))) stop++;
      } else if (end < lower.length() && Chars.isWordChar(lower.charAt(end))) {
        return;
      }
      hits.add(new Hit(start, stop, CATEGORIES.get(p)));
    });
    return new Cues(hits);
  }

  /** Whether a cue of this kind lies wholly within [from, to). */
  boolean any(Cue cue, int from, int to) {
    return first(cue, from, to) != null;
  }

  Hit first(Cue cue, int from, int to) {
    for (Hit h : hits) {
      if (h.cue() == cue && h.start() >= from && h.end() <= to) {
        return h;
      }
    }
    return null;
  }

  /** Hits of a kind within [from, to), in order. */
  List<Hit> all(Cue cue, int from, int to) {
    List<Hit> out = new ArrayList<>();
    for (Hit h : hits) {
      if (h.cue() == cue && h.start() >= from && h.end() <= to) {
        out.add(h);
      }
    }
    return out;
  }

  /** The last hit of a kind ending at or before offset within [from, offset). */
  Hit last(Cue cue, int from, int offset) {
    Hit out = null;
    for (Hit h : hits) {
      if (h.cue() == cue && h.start() >= from && h.end() <= offset) {
        out = h;
      }
    }
    return out;
  }
}
