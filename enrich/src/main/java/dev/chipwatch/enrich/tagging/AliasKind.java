package dev.chipwatch.enrich.tagging;

/** What a matched name stands for. */
enum AliasKind {
  VENDOR,
  CHIP,
  COUNTRY,
  /** A capital or seat of government standing for its country ("Beijing said"). */
  CAPITAL,
  MATERIAL,
  /** A government body or leader: tells who acts, is not itself a country mention. */
  GOV_BODY,
  /** A company outside the taxonomy: not tagged, but a value next to it is not a tracked company's. */
  OTHER_COMPANY,
  /** A phrase that contains a name without meaning it ("Grace Hopper", "US$"): hides the shorter match. */
  LOOKALIKE
}
