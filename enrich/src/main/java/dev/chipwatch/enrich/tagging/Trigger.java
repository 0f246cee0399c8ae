package dev.chipwatch.enrich.tagging;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A phrase that reports a government action of one kind.
 *
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
 *     (costly) pattern is tried
 */
record Trigger(EventKind kind, Pattern pattern, double base, boolean needsItems, boolean consequence,
    boolean reversal, boolean needsExportContext, boolean withoutLicence, List<List<String>> requires) {

  static Trigger of(EventKind kind, double base, String regex) {
    return new Trigger(kind, Pattern.compile(regex), base, false, false, false, false, false, List.of());
  }

  Trigger needingItems() {
    return new Trigger(kind, pattern, base, true, consequence, reversal, needsExportContext, withoutLicence, requires);
  }

  Trigger asConsequence() {
    return new Trigger(kind, pattern, base, needsItems, true, reversal, needsExportContext, withoutLicence, requires);
  }

  Trigger asReversal() {
    return new Trigger(kind, pattern, base, needsItems, consequence, true, needsExportContext, withoutLicence, requires);
  }

  Trigger needingExportContext() {
    return new Trigger(kind, pattern, base, needsItems, consequence, reversal, true, withoutLicence, requires);
  }

  Trigger asWithoutLicence() {
    return new Trigger(kind, pattern, base, needsItems, consequence, reversal, needsExportContext, true, requires);
  }

  /** Adds a group of words of which the sentence must contain one. */
  Trigger requiring(String... words) {
    List<List<String>> groups = new java.util.ArrayList<>(requires);
    groups.add(List.of(words));
    return new Trigger(kind, pattern, base, needsItems, consequence, reversal, needsExportContext, withoutLicence, List.copyOf(groups));
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
