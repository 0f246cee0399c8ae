package dev.chipwatch.enrich.tagging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the tagger tried in an article and why it dropped each candidate: the trace behind
 * {@code chipwatch tag --explain}. Pass one to {@link Tagger#tag(String, String, String,
 * java.time.Instant, Explanation)}; the events it keeps carry their own rules, cues and effective
 * time. Not thread-safe: one per article.
 */
public final class Explanation {
  /**
   * A trigger found but no event made of it.
   *
   * @param sentence the sentence's index in the article (the title's sentences first)
   * @param rule the trigger rule's id
   */
  public record Rejected(int sentence, String rule, EventKind type, String reason, String text) {}

  /** An explanation that records nothing, for the tagger's normal path. */
  static final Explanation NONE = new Explanation(false);

  private final boolean recording;
  private final List<Rejected> rejected = new ArrayList<>();

  public Explanation() {
    this(true);
  }

  private Explanation(boolean recording) {
    this.recording = recording;
  }

  void reject(Sentence s, String rule, EventKind type, String reason) {
    if (recording) {
      rejected.add(new Rejected(s.index(), rule, type, reason, s.text()));
    }
  }

  boolean recording() {
    return recording;
  }

  public List<Rejected> rejected() {
    return Collections.unmodifiableList(rejected);
  }
}
