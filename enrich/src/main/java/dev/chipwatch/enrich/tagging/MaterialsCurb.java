package dev.chipwatch.enrich.tagging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An export curb on materials: "banned exports of gallium", "tightened its controls on rare-earth exports". */
final class MaterialsCurb {
  private static final Pattern EXPORT = Pattern.compile("\\bexport\\w*|\\bshipments?\\b|\\boverseas sales\\b");
  private static final Pattern CURB = Pattern.compile(
      "\\b(?:ban|bans|banned|banning|bar|bars|barred|halt\\w*|restrict\\w*|curb\\w*|controls?|tighten\\w*|widen\\w*|"
          + "licen[cs]\\w*|suspend\\w*|prohibit\\w*|limit\\w*|requir\\w*)\\b");
  private static final Trigger MATERIALS = new Trigger(EventKind.MATERIALS_EXPORT_BAN, CURB, 0.85, false, false, false, false);

  private MaterialsCurb() {}

  /** The curb word in a sentence that also speaks of exports, or null. */
  static TriggerLexicon.Match find(String lower) {
    if (!EXPORT.matcher(lower).find()) {
      return null;
    }
    Matcher m = CURB.matcher(lower);
    return m.find() ? new TriggerLexicon.Match(MATERIALS, m.start(), m.end()) : null;
  }
}
