package dev.chipwatch.enrich.tagging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The phrases that report government actions on the chip trade, as patterns over a lower-cased
 * sentence: the rules of {@code rules/triggers.yaml} (read at class initialisation, a bad rule
 * failing it), optionally changed by an operator's rules file ({@link #with(Path)}). Materials
 * curbs are recognised separately (a material name plus an export curb). Immutable; one instance
 * serves many threads.
 */
public final class TriggerLexicon {
  /** A trigger found in a sentence at [start, end). */
  record Match(Trigger trigger, int start, int end) {
    EventKind kind() {
      return trigger.kind();
    }

    /** The id of the rule that matched. */
    String ruleId() {
      return trigger.id();
    }

    boolean inside(Match other) {
      return other != this && other.start <= start && end <= other.end && (other.end - other.start) > (end - start);
    }
  }

  static final String BUNDLED = "/rules/triggers.yaml";
  private static final TriggerRules.RuleFile BUNDLED_FILE = readBundled();
  private static final TriggerLexicon BUNDLED_LEXICON = new TriggerLexicon(BUNDLED_FILE.rules(), CueRules.bundled());

  private final List<TriggerRules.Rule> rules;
  private final List<Trigger> triggers;
  /** For each anchor word, the triggers that can start with it; triggers with no literal start are tried everywhere. */
  private final List<String> anchorWords = new ArrayList<>();
  private final List<int[]> anchored = new ArrayList<>();
  private final int[] unanchored;
  /** The cue phrases by kind (rules/cues.yaml with an operator's changes). */
  private final CueRules cueRules;
  /** The cue words of the sentence scan, with this lexicon's anchor words. */
  private final Cues.Table cues;

  private TriggerLexicon(List<TriggerRules.Rule> rules, CueRules cueRules) {
    List<Trigger> all = new ArrayList<>(rules.size());
    for (TriggerRules.Rule r : rules) {
      all.add(Trigger.of(r));
    }
    this.rules = List.copyOf(rules);
    this.triggers = List.copyOf(all);
    List<Integer> unanchoredList = new ArrayList<>();
    Map<String, List<Integer>> byWord = new LinkedHashMap<>();
    for (int i = 0; i < triggers.size(); i++) {
      List<String> words = RegexAnchors.of(triggers.get(i).pattern().pattern());
      if (words.isEmpty()) {
        unanchoredList.add(i);
      }
      for (String w : words) {
        byWord.computeIfAbsent(w, k -> new ArrayList<>()).add(i);
      }
    }
    // an anchor that extends another anchor of the same trigger ("bans" after "ban") would try it twice
    for (int i = 0; i < triggers.size(); i++) {
      int trigger = i;
      List<String> own = byWord.entrySet().stream().filter(e -> e.getValue().contains(trigger)).map(Map.Entry::getKey).toList();
      for (String w : own) {
        if (own.stream().anyMatch(o -> !o.equals(w) && w.startsWith(o))) {
          byWord.get(w).remove(Integer.valueOf(trigger));
        }
      }
    }
    byWord.values().removeIf(List::isEmpty);
    byWord.forEach((w, ts) -> {
      anchorWords.add(w);
      anchored.add(ts.stream().mapToInt(Integer::intValue).toArray());
    });
    this.unanchored = unanchoredList.stream().mapToInt(Integer::intValue).toArray();
    this.cueRules = cueRules;
    this.cues = new Cues.Table(cueRules, anchorWords);
    this.matchers = ThreadLocal.withInitial(() -> {
      Matcher[] out = new Matcher[triggers.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = triggers.get(i).pattern().matcher("").useTransparentBounds(true);
      }
      return out;
    });
    for (int i = 0; i < rules.size(); i++) {
      checkExamples(rules.get(i), i);
    }
  }

  /** The bundled rules. */
  public static TriggerLexicon bundled() {
    return BUNDLED_LEXICON;
  }

  /**
   * The bundled rules changed by an operator file: its {@code disable} ids are left out, its rules
   * added at the end or before the rule their {@code before} names; its {@code cues} section removes
   * and adds cue phrases of the bundled {@code rules/cues.yaml}.
   *
   * @throws TriggerRuleException naming the file, the rule id and the problem
   */
  public static TriggerLexicon with(Path operatorFile) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(operatorFile);
    } catch (IOException e) {
      throw new TriggerRuleException(operatorFile + ": cannot read: " + e.getMessage(), e);
    }
    return merged(BUNDLED_FILE, TriggerRules.read(bytes, operatorFile.toString(), BUNDLED_FILE.macros(), true));
  }

  /** A lexicon of one file's rules alone, with the bundled cue phrases (tests). */
  static TriggerLexicon of(byte[] yaml, String source) {
    return new TriggerLexicon(TriggerRules.read(yaml, source, Map.of(), false).rules(), CueRules.bundled());
  }

  /** The bundled rules changed by an operator file's contents (tests). */
  static TriggerLexicon with(byte[] yaml, String source) {
    return merged(BUNDLED_FILE, TriggerRules.read(yaml, source, BUNDLED_FILE.macros(), true));
  }

  private static TriggerLexicon merged(TriggerRules.RuleFile base, TriggerRules.RuleFile operator) {
    List<TriggerRules.Rule> out = new ArrayList<>(base.rules());
    Set<String> ids = new LinkedHashSet<>();
    base.rules().forEach(r -> ids.add(r.id()));
    for (String id : operator.disable()) {
      if (!ids.contains(id)) {
        throw new TriggerRuleException(operator.source() + ": disable: rule " + id + ": no bundled rule has this id");
      }
      out.removeIf(r -> r.id().equals(id));
    }
    for (TriggerRules.Rule r : operator.rules()) {
      if (!ids.add(r.id())) {
        throw new TriggerRuleException(operator.source() + ": rule " + r.id() + ": duplicate id: a bundled rule has it"
            + " (to replace that rule, disable it and give yours another id)");
      }
      if (r.before() == null) {
        out.add(r);
        continue;
      }
      int at = -1;
      for (int i = 0; i < out.size() && at < 0; i++) {
        if (out.get(i).id().equals(r.before())) {
          at = i;
        }
      }
      if (at < 0) {
        throw new TriggerRuleException(operator.source() + ": rule " + r.id() + ": before: no rule " + r.before()
            + " (unknown, disabled, or added later in the file)");
      }
      out.add(at, r);
    }
    return new TriggerLexicon(out, CueRules.bundled().with(operator.cues()));
  }

  private static TriggerRules.RuleFile readBundled() {
    try (InputStream in = TriggerLexicon.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new TriggerRuleException("classpath:" + BUNDLED + " is missing");
      }
      return TriggerRules.read(in.readAllBytes(), "classpath:" + BUNDLED, Map.of(), false);
    } catch (IOException e) {
      throw new TriggerRuleException("classpath:" + BUNDLED + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * A rule's examples behave: each positive is found by its pattern, holds the derived prerequisites
   * and is found where the tagger tries the pattern (at a word where one of its anchor words
   * starts); no negative is found.
   */
  private void checkExamples(TriggerRules.Rule rule, int index) {
    String at = rule.source() + ": rule " + rule.id() + ": ";
    Trigger t = triggers.get(index);
    for (String example : rule.positive()) {
      String lower = TriggerRules.lower(example);
      if (!t.pattern().matcher(lower).find()) {
        throw new TriggerRuleException(at + "positive example \"" + example + "\" is not matched by the pattern");
      }
      if (!t.prerequisitesIn(lower)) {
        throw new TriggerRuleException(at + "positive example \"" + example + "\" lacks a word of the prerequisites "
            + t.requires() + " derived from the pattern");
      }
      if (!foundWhereTried(index, lower)) {
        throw new TriggerRuleException(at + "positive example \"" + example + "\" is matched, but not at the start of a word"
            + " beginning with one of the pattern's first words " + RegexAnchors.of(t.pattern().pattern())
            + ": the tagger would miss it");
      }
    }
    for (String example : rule.negative()) {
      Matcher m = t.pattern().matcher(TriggerRules.lower(example));
      if (m.find()) {
        throw new TriggerRuleException(at + "negative example \"" + example + "\" is matched by the pattern (\"" + m.group() + "\")");
      }
    }
  }

  /** Whether the pattern of trigger i matches the sentence where {@link #find} tries it. */
  boolean foundWhereTried(int index, String lower) {
    Matcher m = triggers.get(index).pattern().matcher(lower).useTransparentBounds(true);
    for (int u : unanchored) {
      if (u == index) {
        return m.find();
      }
    }
    for (int w = 0; w < anchorWords.size(); w++) {
      if (!contains(anchored.get(w), index)) {
        continue;
      }
      String word = anchorWords.get(w);
      for (int p = lower.indexOf(word); p >= 0; p = lower.indexOf(word, p + 1)) {
        if ((p == 0 || !Chars.isWordChar(lower.charAt(p - 1))) && m.region(p, lower.length()).lookingAt()) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean contains(int[] values, int v) {
    for (int x : values) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  private boolean usable(int i, String lower, byte[] ready) {
    if (ready[i] == 0) {
      ready[i] = (byte) (triggers.get(i).prerequisitesIn(lower) ? 1 : 2);
    }
    return ready[i] == 1;
  }

  /**
   * Each thread's matchers, one per trigger, reset onto each sentence that needs them: making a
   * Matcher allocates its group arrays, and a sentence tries a few patterns at a few places.
   */
  private final ThreadLocal<Matcher[]> matchers;

  /** The thread's matcher of trigger i on this sentence; {@code onSentence} records which are reset already. */
  private static Matcher matcher(int i, String lower, Matcher[] matchers, boolean[] onSentence) {
    if (!onSentence[i]) {
      matchers[i].reset(lower);
      onSentence[i] = true;
    }
    return matchers[i];
  }

  List<Trigger> triggers() {
    return triggers;
  }

  /** The rules as read, with their examples; rule i is trigger i. */
  List<TriggerRules.Rule> rules() {
    return rules;
  }

  /** The rule ids, in the order the rules are tried. */
  public List<String> ruleIds() {
    return triggers.stream().map(Trigger::id).toList();
  }

  List<String> anchorWords() {
    return List.copyOf(anchorWords);
  }

  Cues.Table cues() {
    return cues;
  }

  /** The cue phrases by kind that the scan of {@link #cues()} looks for. */
  CueRules cueRules() {
    return cueRules;
  }

  /**
   * Triggers in a sentence, without those that lie inside a longer one. Each pattern is tried only
   * where one of its anchor words starts a word (found by the sentence's cue scan), so a sentence
   * costs a few anchored matches.
   */
  List<Match> find(Sentence s) {
    List<Match> all = candidates(s);
    if (all.isEmpty()) {
      return List.of();
    }
    List<Match> out = new ArrayList<>(all.size());
    outer:
    for (Match m : all) {
      for (Match o : all) {
        if (m.inside(o)) {
          continue outer;
        }
      }
      out.add(m);
    }
    return out;
  }

  /** Every trigger match of a sentence, found where the patterns are tried, those inside others included. */
  List<Match> candidates(Sentence s) {
    if (s.cues().anchors().isEmpty() && unanchored.length == 0) {
      return List.of(); // most sentences: no word a trigger can start with
    }
    String lower = s.lower();
    List<Match> all = new ArrayList<>();
    // per sentence: whether each trigger's prerequisites are present (0 = not yet known), and its matcher
    byte[] ready = new byte[triggers.size()];
    Matcher[] matchers = this.matchers.get();
    boolean[] onSentence = new boolean[triggers.size()];
    for (Cues.Hit hit : s.cues().anchors()) {
      int start = hit.start();
      for (int i : anchored.get(hit.anchor())) {
        if (!usable(i, lower, ready)) {
          continue;
        }
        Matcher m = matcher(i, lower, matchers, onSentence).region(start, lower.length());
        if (m.lookingAt()) {
          all.add(new Match(triggers.get(i), m.start(), m.end()));
        }
      }
    }
    for (int i : unanchored) {
      if (!usable(i, lower, ready)) {
        continue;
      }
      Matcher m = matcher(i, lower, matchers, onSentence);
      while (m.find()) {
        all.add(new Match(triggers.get(i), m.start(), m.end()));
      }
    }
    return all;
  }
}
