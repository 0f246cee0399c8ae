package dev.chipwatch.enrich.tagging;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a reported action is the article's news and decided: not a proposal, rumour, denial or
 * question (hedged), not negated, and not an older action recalled as background.
 */
final class Modality {
  private static final Pattern HEDGE_BEFORE = Pattern.compile(
      "\\b(?:consider\\w*|weigh\\w*|mull\\w*|discuss\\w*|debat\\w*|propos\\w*|draft\\w*|could|might|may|should|whether|if|unless|once|"
          + "plan|plans|planned|planning|intend\\w*|seek\\w*|sought|expected to|expects? to|set to|poised to|preparing to|prepares to|"
          + "threaten\\w*|no plans?|no decision|den(?:y|ies|ied|ial)|rumou?r\\w*|speculat\\w*|calls? for|called for|"
          + "urg(?:e|es|ed|ing) (?:the )?(?:administration|government|commerce|congress|white house|washington|lawmakers|officials)|"
          + "bills?|legislation|lawmakers|senators?|congressm[ae]n|far from certain|uncertain|unclear|no assurance|"
          + "hop(?:e|es|ed|ing)|lobb\\w*|push(?:es|ed|ing)? for|talks|negotiat\\w*|"
          + "ask(?:ed|s)? (?:the )?(?:administration|government|commerce)|would have|would|wants? to|aims? to|"
          + "study|studying|review(?:ing)? whether|options|possible|potential|proposal)\\b");
  /** "would" in reported speech announces a decision: "said it would allow". */
  private static final Pattern REPORTED_WOULD = Pattern.compile(
      "\\b(?:said|says|announced|confirmed|told \\w+|informed \\w+|notified \\w+)\\b(?:\\s[\\w'.]+){0,6}?\\swould$");
  /** Reported speech: "Nvidia said the US had added...", where the pluperfect is only the backshift. */
  private static final Pattern SPEECH_BEFORE = Pattern.compile(
      "\\b(?:said|says|told|tells|announced|disclosed|confirmed|reported|according to|filing|statement)\\b");
  /** "licences that allowed", "Washington, which has lifted": a relative clause recalling an earlier act. */
  private static final Pattern RELATIVE_RECAP = Pattern.compile(
      "\\b(?:that|which|who)\\s(?:(?:has|have|had)\\s(?:\\w+\\s)?)?$");
  private static final Pattern HEDGE_AFTER = Pattern.compile(
      "\\b(?:if|unless|under consideration|being considered|is considering|proposed|according to a draft|is being discussed|"
          + "were to|could|might)\\b");
  private static final Pattern NEGATION_BEFORE = Pattern.compile(
      "\\b(?:not|no|never|neither|nor|cannot|refused to|declined to|stopped short of|rather than|instead of|without)\\b[^,;]{0,25}$|n't\\b[^,;]{0,25}$");
  private static final Pattern PLUPERFECT_BEFORE = Pattern.compile(
      "\\b(?:had|had been|had already|had previously|had earlier|already|previously|earlier|originally|first)\\s(?:\\w+\\s)?$");
  private static final Pattern RECAP_CONJUNCTION = Pattern.compile(
      "\\b(?:since|before|after|following|when|until|ever since|in the wake of|response to|responding to|reaction to|"
          + "reacting to|retaliation for|in retaliation against)\\b");
  private static final Pattern RELATIVE_PAST = Pattern.compile(
      "\\b(?:last year|last month|years ago|a year ago|months ago|in the past|in previous years|earlier this year|"
          + "late last year|since then|at the time|back in|previously|a day earlier|days earlier|a week earlier|"
          + "earlier this (?:month|week)|earlier in the (?:month|year)|a round of|the \\d{4} (?:rules?|controls|curbs|ban)|"
          + "prior rules?|existing (?:rules|controls|curbs|restrictions)|earlier (?:rules|controls|curbs|restrictions|ban))\\b");
  private static final Pattern NEWS_TIME = Pattern.compile(
      "\\b(?:on|this|late on|early on|from) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b|\\btoday\\b|\\byesterday\\b|"
          + "\\bthis week\\b|\\bovernight\\b|\\bon \\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
          + "\\bon (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\\w* \\d{1,2}\\b");
  private static final String MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december";
  /** A past date: "in October 2023", "in 2022", "since August 2023", "imposed in April". */
  private static final Pattern DATE = Pattern.compile(
      "\\b(?<prep>in|since|on|of|from|during|by|through|until|till|to|before|after)\\s(?:(?:early|late|mid|mid-)\\s?)?"
          + "(?:(?<month>" + MONTHS + ")(?:\\s\\d{1,2})?,?\\s?)?(?<year>(?:19|20)\\d\\d)?\\b");
  private static final Pattern YEAR_RULES = Pattern.compile("\\b(?<year>(?:19|20)\\d\\d)(?:'s)? (?:rules?|controls|curbs|ban|restrictions|export controls)\\b");

  private Modality() {}

  /** A proposal, plan, rumour, denial or question rather than a decision. */
  static boolean hedged(String lower, int triggerStart, int triggerEnd) {
    if (lower.stripTrailing().endsWith("?")) {
      return true;
    }
    String before = lower.substring(0, triggerStart);
    Matcher h = HEDGE_BEFORE.matcher(before);
    while (h.find()) {
      if (!(h.group().equals("would") && REPORTED_WOULD.matcher(before.substring(0, h.end())).find()
          && !before.contains(" if "))) {
        return true;
      }
    }
    String after = lower.substring(triggerEnd, clauseEnd(lower, triggerEnd));
    return HEDGE_AFTER.matcher(after).find();
  }

  /** "did not ban", "no plans"; but "no longer" and "cannot ... without a licence" restrict rather than negate. */
  static boolean negated(String lower, TriggerLexicon.Match m) {
    if (m.trigger().withoutLicence()) {
      return false;
    }
    String before = lower.substring(Math.max(0, m.start() - 40), m.start()).replace("no longer", "");
    return NEGATION_BEFORE.matcher(before).find();
  }

  /**
   * An older action recalled in passing: a past date in the trigger's clause, a pluperfect, a recap
   * conjunction ("before the US banned..."), unless the sentence dates the action as this news.
   *
   * @param published the article's date, or null when unknown
   */
  static boolean background(String text, String lower, TriggerLexicon.Match m, Instant published) {
    int from = clauseStart(lower, m.start());
    int to = m.trigger().reversal() ? m.start() : clauseEnd(lower, m.end());
    String clause = lower.substring(from, to);
    String before = lower.substring(from, m.start());
    // "on Tuesday" dates the clause it stands in, not a recalled action in another clause
    boolean newsTime = NEWS_TIME.matcher(lower.substring(from, Math.max(to, clauseEnd(lower, m.end())))).find()
        || NEWS_TIME.matcher(lower.substring(0, m.start())).find() && from == 0;
    Matcher d = DATE.matcher(clause);
    while (d.find()) {
      if (d.group("month") == null && d.group("year") == null) {
        continue;
      }
      if (d.group("month") != null && d.group("month").equals("may") && d.group("year") == null
          && !Character.isUpperCase(text.charAt(from + d.start("month")))) {
        continue; // the verb
      }
      if (java.util.Set.of("by", "through", "until", "till", "to", "from").contains(d.group("prep"))) {
        continue; // a deadline or start date ahead
      }
      if (isPast(d.group("month"), d.group("year"), published, newsTime)) {
        return true;
      }
    }
    Matcher y = YEAR_RULES.matcher(clause);
    while (y.find()) {
      if (isPast(null, y.group("year"), published, newsTime)) {
        return true;
      }
    }
    if (PLUPERFECT_BEFORE.matcher(before).find() && !SPEECH_BEFORE.matcher(lower.substring(0, m.start())).find()) {
      return true;
    }
    if (RELATIVE_RECAP.matcher(before).find() && isPastForm(lower, m.start())) {
      return true;
    }
    if (newsTime) {
      return false;
    }
    String window = before.length() > 50 ? before.substring(before.length() - 50) : before;
    return RECAP_CONJUNCTION.matcher(window).find() || RELATIVE_PAST.matcher(clause).find();
  }

  /** The trigger's first word is a past form: "allowed", "barred", "let", "cut". */
  private static boolean isPastForm(String lower, int start) {
    int end = start;
    while (end < lower.length() && Character.isLetter(lower.charAt(end))) end++;
    String w = lower.substring(start, end);
    return w.endsWith("ed") || w.equals("let") || w.equals("cut") || w.equals("put") || w.equals("set");
  }

  private static boolean isPast(String month, String year, Instant published, boolean newsTime) {
    if (published == null) {
      // without the article's date, a dated action is taken as recalled unless the sentence says "on Friday"
      return !newsTime;
    }
    LocalDate when = published.atZone(ZoneOffset.UTC).toLocalDate();
    int m = month == null ? 0 : monthNumber(month);
    if (year != null) {
      int y = Integer.parseInt(year);
      if (y != when.getYear()) {
        return y < when.getYear();
      }
      return m != 0 && m < when.getMonthValue();
    }
    // month alone: this year's if not later than the article's month, else last year's
    return m != when.getMonthValue();
  }

  private static int monthNumber(String month) {
    return java.time.Month.valueOf(month.toUpperCase(Locale.ROOT)).getValue();
  }

  /** Start of the clause holding offset: after the last ',', ';', ':', '(' or dash before it. */
  static int clauseStart(String lower, int offset) {
    for (int i = offset - 1; i >= 0; i--) {
      char c = lower.charAt(i);
      if (c == ',' || c == ';' || c == ':' || c == '(' || (c == '-' && i > 0 && lower.charAt(i - 1) == ' ')) {
        return i + 1;
      }
    }
    return 0;
  }

  static int clauseEnd(String lower, int offset) {
    for (int i = offset; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c == ',' || c == ';' || c == ':' || c == ')' || (c == '-' && i + 1 < lower.length() && lower.charAt(i + 1) == ' ')) {
        return i;
      }
    }
    return lower.length();
  }
}
