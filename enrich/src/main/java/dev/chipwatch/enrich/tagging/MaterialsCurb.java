package dev.chipwatch.enrich.tagging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An export curb on materials: "banned exports of gallium", "tightened its controls on rare-earth exports". */
final class MaterialsCurb {
  private static final Pattern EXPORT = Pattern.compile("\\bexport\\w*|\\bshipments?\\b|\\boverseas sales\\b");
  private static final Pattern CURB = Pattern.compile(
      "\\b(?:ban|bans|banned|banning|bar|bars|barred|halt\\w*|restrict\\w*|curb\\w*|controls?|tighten\\w*|widen\\w*|"
          + "licen[cs]\\w*|prohibit\\w*|limit\\w*|requir\\w*)\\b");
  /** "suspend its ban", "pause its new controls": undoing a curb is not one. */
  private static final Pattern UNDO_BEFORE = Pattern.compile(
      "\\b(?:suspend\\w*|paus\\w*|lift\\w*|scrap\\w*|eas(?:e|ed|es|ing)|remov\\w*|drop\\w*|end(?:s|ed|ing)?|relax\\w*|"
          + "rescind\\w*|revok\\w*|withdr\\w*)\\b[^,;]{0,50}$");
  static final String RULE_ID = "materials-curb";
  static final double BASE = 0.85;
  private static final Trigger MATERIALS = new Trigger(RULE_ID, EventKind.MATERIALS_EXPORT_BAN, CURB, BASE, false, false, false, false, false, java.util.List.of());

  /** The letters the patterns' words start with: only there can a match begin. */
  private static final String EXPORT_FIRST_LETTERS = "eso";
  private static final String CURB_FIRST_LETTERS = "bhrctwlp";

  private MaterialsCurb() {}

  /**
   * The first match at or after {@code from}, as {@link Matcher#find()} gives it, trying only where a
   * word starting with one of {@code firstLetters} starts (find would try every character).
   */
  private static boolean findAtWordStart(Matcher m, String lower, int from, String firstLetters) {
    m.useTransparentBounds(true);
    for (int i = from, n = lower.length(); i < n; i++) {
      if (firstLetters.indexOf(lower.charAt(i)) >= 0 && (i == 0 || !isRegexWordChar(lower.charAt(i - 1)))
          && m.region(i, n).lookingAt()) {
        return true;
      }
    }
    return false;
  }

  /** What {@code \\b} counts as a word character. */
  private static boolean isRegexWordChar(char c) {
    return c == '_' || Chars.isWordChar(c);
  }

  /** "the suspension of other controls imposed on Oct 9, including expanded curbs on rare earths": the list's head is undone. */
  private static boolean undoneListHead(String lower, int at, Matcher undo) {
    int from = Modality.clauseStart(lower, at);
    if (from == 0 || !LIST_CONTINUES.matcher(lower).region(from, at).lookingAt()) {
      return false;
    }
    int head = Modality.clauseStart(lower, from - 1);
    return UNDO_WORD.matcher(lower).region(head, from).find();
  }

  private static final Pattern UNDO_WORD = Pattern.compile(
      "\\b(?:suspen\\w*|paus\\w*|lift\\w*|scrap\\w*|eas(?:e|ed|es|ing)|remov\\w*|rescind\\w*|revok\\w*)\\b");

  private static final Pattern LIST_CONTINUES = Pattern.compile("\\s*(?:including|such as|as well as|among them)\\b");

  /** "Some companies have obtained export licences for gallium": licences granted, not a curb. */
  private static boolean licenceGranted(String lower, int at) {
    return lower.startsWith("licen", at) && Words.anyWithin(lower, at - 30, at, GRANTING);
  }

  private static final String[] GRANTING = {"obtained", "obtain", "granted", "grant", "issued", "issue", "received", "approved",
      "secured", "won"};

  private static boolean inRelativeClause(String lower, int at) {
    int from = Modality.clauseStart(lower, at);
    return from > 0 && (lower.startsWith(" which ", from) || lower.startsWith(" that ", from));
  }

  /** The curb word nearest a material name, in a sentence that also speaks of exports, or null. */
  static TriggerLexicon.Match find(Sentence s) {
    String lower = s.lower();
    if (!findAtWordStart(EXPORT.matcher(lower), lower, 0, EXPORT_FIRST_LETTERS)) {
      return null;
    }
    Matcher m = CURB.matcher(lower);
    TriggerLexicon.Match best = null;
    int bestDistance = Integer.MAX_VALUE;
    Matcher undo = UNDO_BEFORE.matcher(lower).useTransparentBounds(true);
    for (int from = 0; findAtWordStart(m, lower, from, CURB_FIRST_LETTERS); from = m.end()) {
      if (undo.region(undoRegionStart(lower, m.start()), m.start()).find() || inRelativeClause(lower, m.start())
          || undoneListHead(lower, m.start(), undo) || licenceGranted(lower, m.start())) {
        continue; // undone, or recalled in a relative clause: ", which were announced alongside the ban"
      }
      int distance = distanceToMaterial(s, m.start(), m.end());
      if (distance < bestDistance) {
        best = new TriggerLexicon.Match(MATERIALS, m.start(), m.end());
        bestDistance = distance;
      }
    }
    // "export controls on all critical software, in response to Beijing's rare-earth restrictions":
    // only a curb word near the metal speaks of it
    return bestDistance <= 80 ? best : null;
  }

  /**
   * Where an undoing word before a curb at {@code end} can start: it ends at most 50 characters
   * before, so it is the word holding that point or a later one.
   */
  private static int undoRegionStart(String lower, int end) {
    int from = Math.max(0, end - 51);
    while (from > 0 && isRegexWordChar(lower.charAt(from - 1))) from--;
    return from;
  }

  private static int distanceToMaterial(Sentence s, int start, int end) {
    int best = Integer.MAX_VALUE;
    for (Mention x : s.mentions()) {
      if (x.kind() == AliasKind.MATERIAL) {
        int d = x.start() >= end ? x.start() - end : start >= x.end() ? start - x.end() : 0;
        best = Math.min(best, d);
      }
    }
    return best;
  }
}
