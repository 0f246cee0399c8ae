package dev.chipwatch.enrich.tagging;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A phrase that reports a government action of one kind: one rule of {@code rules/triggers.yaml}
 * (or of an operator's rules file).
 *
 * @param id the rule's id, stable across versions
 * @param base confidence when the phrase stands plain, decided and as news
 * @param needsItems only an event when the sentence names the chips or vendors concerned (generic
 *     phrases such as "tightened controls")
 * @param consequence describes the effect of another action ("cutting them off"), not one itself:
 *     ignored next to an entity-list addition
 * @param reversal undoes an earlier action: a date after it belongs to what is undone ("reversing the
 *     halt imposed in April")
 * @param needsExportContext the word alone is ambiguous ("ban"): only counts in a sentence about exports
 *     or sales
 * @param withoutLicence "without a licence": turns a nearby "stop shipping" into a licence requirement
 * @param requires groups of words: the sentence must contain a word of every group before the
 *     (costly) pattern is tried; derived from the pattern ({@link RegexPrerequisites})
 */
record Trigger(String id, EventKind kind, Pattern pattern, double base, boolean needsItems, boolean consequence,
    boolean reversal, boolean needsExportContext, boolean withoutLicence, List<List<String>> requires) {

  /** The trigger of a rule, its prerequisites derived from its pattern. */
  static Trigger of(TriggerRules.Rule rule) {
    java.util.Set<TriggerRules.Flag> f = rule.flags();
    return new Trigger(rule.id(), rule.kind(), rule.pattern(), rule.confidence(),
        f.contains(TriggerRules.Flag.NEEDS_ITEMS), f.contains(TriggerRules.Flag.CONSEQUENCE), f.contains(TriggerRules.Flag.REVERSAL),
        f.contains(TriggerRules.Flag.NEEDS_EXPORT_CONTEXT), f.contains(TriggerRules.Flag.WITHOUT_LICENCE),
        RegexPrerequisites.of(rule.pattern().pattern()));
  }

  boolean prerequisitesIn(String lower) {
    for (int g = 0, n = requires.size(); g < n; g++) {
      List<String> group = requires.get(g);
      boolean any = false;
      for (int w = 0, m = group.size(); w < m && !any; w++) {
        any = lower.contains(group.get(w));
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }
}
