package dev.chipwatch.enrich.tagging;

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
 */
record Trigger(EventKind kind, Pattern pattern, double base, boolean needsItems, boolean consequence,
    boolean reversal, boolean needsExportContext, boolean withoutLicence) {

  static Trigger of(EventKind kind, double base, String regex) {
    return new Trigger(kind, Pattern.compile(regex), base, false, false, false, false, false);
  }

  Trigger needingItems() {
    return new Trigger(kind, pattern, base, true, consequence, reversal, needsExportContext, withoutLicence);
  }

  Trigger asConsequence() {
    return new Trigger(kind, pattern, base, needsItems, true, reversal, needsExportContext, withoutLicence);
  }

  Trigger asReversal() {
    return new Trigger(kind, pattern, base, needsItems, consequence, true, needsExportContext, withoutLicence);
  }

  Trigger needingExportContext() {
    return new Trigger(kind, pattern, base, needsItems, consequence, reversal, true, withoutLicence);
  }

  Trigger asWithoutLicence() {
    return new Trigger(kind, pattern, base, needsItems, consequence, reversal, needsExportContext, true);
  }
}
