package dev.chipwatch.enrich.tagging;

/**
 * Kinds of words that change how a sentence is read: hedges, negations, recap markers, news-time
 * markers, value phrases. Their words and phrases are data, one entry per kind in {@code
 * rules/cues.yaml} (id: the name in kebab-case, see {@link CueRules}); an operator's rules file may
 * add and remove some. All are found in one automaton scan per sentence ({@link Cues}).
 */
enum Cue {
  /** The first word of a trigger pattern ({@link TriggerLexicon}); its words come from there. */
  ANCHOR,
  /** A proposal, plan, rumour, denial or doubt, before the action. */
  HEDGE,
  /** A condition or proposal after the action, in its clause. */
  HEDGE_AFTER,
  NEGATION,
  /** Reported speech: a pluperfect after it is only the backshift. */
  SPEECH,
  /** A subordinate clause that recalls an earlier action: "before the US banned...". */
  RECAP,
  RELATIVE_PAST,
  /** The sentence dates its action as this news: "on Tuesday", "this week". */
  NEWS_TIME,
  MONTH,
  /** Words one of which a sentence needs before the denial-by-default pattern is worth trying. */
  DENIAL_HINT,
  /** Words after which a chip is compared with, not covered by, an action ("alternatives such as"). */
  OUT_OF_SCOPE,
  /** A rule as the subject of "requires": the requirement is the news. */
  RULE,
  /** "the chips", "both chips": the items of an earlier sentence. */
  ITEM_ANAPHOR,
  /** "shipped there": the place of an earlier sentence. */
  PLACE_ANAPHOR,
  /** "to certain countries in the Middle East": the countries follow in the next sentence. */
  UNNAMED_COUNTRIES,
  /** Words that place a sentence in the export trade. */
  EXPORT,
  /** What a tariff on the chip trade is levied on. */
  GOODS,
  /** A government as the one acting, when no country is named as subject: "the commerce ministry imposed". */
  GOVERNMENT,
  /** Words for chips in general: an import curb on them is on the chip trade. */
  CHIP_WORDS,
  /** Where the object of a tariff ends and the reason for it begins. */
  OBJECT_END,
  /** Phrases before a sum that make it a company's value. */
  VALUE,
  /** Headline verbs that, before a trillion-dollar sum, state a company's value. */
  MILESTONE,
  /** A change of value or a sum of another kind. */
  NOT_VALUE
}
