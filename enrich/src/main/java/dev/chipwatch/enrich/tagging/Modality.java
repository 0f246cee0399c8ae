package dev.chipwatch.enrich.tagging;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a reported action is the article's news and decided: not a proposal, rumour, denial or
 * question (hedged), not negated, and not an older action recalled as background. Works on the
 * sentence's {@link Cues}, found in one scan, so each check is a look-up, not a regex pass.
 */
final class Modality {
  private static final Set<String> PARTICIPLES = Set.of(
      "announced", "imposed", "introduced", "unveiled", "issued", "adopted", "enacted", "approved", "published");
  private static final Set<String> STATIVE_NEEDS = Set.of("needs", "need", "requires", "require");
  private static final Set<String> CHANGE_MARKERS = Set.of("will", "would", "now", "must", "to", "shall", "also", "newly");
  private static final Set<String> PLUPERFECT_MARKS = Set.of("had", "already", "previously", "earlier", "originally", "first");
  private static final Set<String> RELATIVE_PRONOUNS = Set.of("that", "which", "who");
  private static final Set<String> PERFECT = Set.of("has", "have", "had");
  private static final Set<String> MONTH_PREPOSITIONS = Set.of("in", "since", "early", "late", "mid", "of", "from", "until", "by", "before", "after");
  private static final Set<String> FUTURE_PREPOSITIONS = Set.of("by", "through", "until", "till", "to", "from");
  /** Words that make "would" report a decision: "said it would allow". */
  private static final Set<String> ANNOUNCING = Set.of("said", "says", "announced", "confirmed", "told", "informed", "notified", "advised",
      "stated", "noted", "disclosed", "added");
  private static final Pattern LICENCE_CONDITION = Pattern.compile("unless (?:(?:a|an|export|special|government|us) ){0,2}licen[cs]e");
  private static final Set<String> MONTH_ABBREVIATIONS =
      Set.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final Pattern NUMERIC_NEWS_DATE = Pattern.compile(
      "\\bon \\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\\bon (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\\w* \\d{1,2}\\b");
  private static final String MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december";
  /** A date: "in October 2023", "in 2022", "since August 2023", "imposed in April". */
  private static final Pattern DATE = Pattern.compile(
      "\\b(?<prep>in|since|on|of|from|during|by|through|until|till|to|before|after)\\s(?:(?:early|late|mid|mid-)\\s?)?"
          + "(?:(?<month>" + MONTHS + ")(?:\\s\\d{1,2})?,?\\s?)?(?<year>(?:19|20)\\d\\d)?\\b");
  private static final Pattern YEAR_RULES = Pattern.compile(
      "\\b(?<year>(?:19|20)\\d\\d)(?:'s)? (?:rules?|controls|curbs|ban|restrictions|export controls)\\b");

  /** A clause that is nothing but a date: "until july,", "in april 2025,", "since 2022,". */
  private static final Pattern LEADING_DATE = Pattern.compile(
      "(?:^|\\b(?:and|but|then|so|earlier|later|back) |^\\s*)(?:until|till|in|since|on|by|from|through|after|before|as of|starting|beginning)"
          + "(?: (?:early|late|mid|mid-|the end of|the start of))? (?:" + MONTHS + "|(?:19|20)\\d\\d)(?: \\d{1,2})?(?:,? (?:19|20)\\d\\d)?\\s*,$");
  /** "Earlier, the administration banned ...", "One year ago, Nvidia said ...": the clause is set in the past. */
  /** A one- or two-digit number in [from, to): a day of the month ("on August 26, 2022"). */
  private static boolean hasDayNumber(String lower, int from, int to) {
    int run = 0;
    for (int i = from; i < to; i++) {
      if (Character.isDigit(lower.charAt(i))) {
        run++;
      } else {
        if (run == 1 || run == 2) return true;
        run = 0;
      }
    }
    return run == 1 || run == 2;
  }

  /** How many days before the article a dated action can be and still be its news. */
  private static final int RECENT_DAYS = 7;
  private static final String[] STARTS_BEFORE = {"starting", "beginning", "effective", "as of", "take effect", "takes effect",
      "taking effect", "come into force", "comes into force", "will"};
  /** Leading clauses that only date or set the scene are short; longer ones are not tried. */
  private static final int SHORT_CLAUSE = 80;
  private static final Pattern CONTINUING = Pattern.compile("\\s*(?:including|such as|as well as|among them|notably)\\b");
  private static final Pattern LEADING_PAST = Pattern.compile(
      "^\\s*(?:earlier|previously|before that|back then|in the past|at the time|last year|in response|in retaliation"
          + "|prior to [^,;]{1,50}|before (?:the|that|this) [^,;]{1,50}"
          + "|(?:a|one|two|three|several|\\w+) (?:years?|months?|weeks?) ago)\\s*,$");
  /** Where a reversal's object gets its own date: "the halt imposed in April", "the curbs that took effect". */
  private static final Pattern OBJECT_CLAUSE = Pattern.compile(
      "\\b(?:imposed|introduced|announced|unveiled|issued|adopted|enacted|put|placed|set|that|which|first|originally|since)\\b");
  private static final Pattern RECAP_OPENING = Pattern.compile(
      "\\s*(?:(?:and|but|which|that) )?(?:following|after|since|amid|despite|before|in the wake of|in response to|on the heels of|prior to)\\b"
          // concessive: "While the administration only recently approved exports, Beijing ..."
          + "|\\s*(?:while|although|though|even though|even as|whereas)\\b"
          // "has already been affected by previous rounds of sanctions": their effects, not new ones
          + "|\\s*(?:[\\w'.-]+ ){0,3}?(?:has |have |had |was |were )(?:already )?(?:been )?(?:affected|hit|hurt|impacted|weighed down) by\\b");
  private static final Pattern SAID_BEFORE = Pattern.compile("\\b(?:said|says|announced|reported)\\b[^,;]{0,40},$");
  private static final Pattern AS_PERFECT = Pattern.compile("\\s*as [\\w .'-]{0,60}?\\b(?:has|have|had) (?:\\w+ )?$");
  /** An action's object qualified as older: "existing US bans", "earlier export controls". */
  private static final String[] OLDER_OBJECT = {"existing", "earlier", "previous", "prior", "ongoing", "longstanding", "long-standing"};
  private static final Pattern ATTRIBUTIVE_NEED = Pattern.compile("(?:requiring|needing|subject to)\\b");
  private static final Pattern PRODUCT_BEFORE = Pattern.compile(
      "\\b(?:chips|products|items|goods|processors|gpus|semiconductors|parts|models|tools)\\s+(?:now\\s+|still\\s+|already\\s+)?$");
  private static final Pattern DEFINITE_SUBJECT = Pattern.compile("\\s*[\"']?(?:the|this|that|these) (?:[\\w.-]+ ){0,3}");
  private static final Pattern EFFECT_VERB = Pattern.compile(
      "\\s+(?:has |have |had |also )?(?:ended|hit|hits|cost|costs|forced|wiped|hurt|hurts|affected|dented|weighed|slashed|reduced|"
          + "prompted|led|caused|shut|erased|derailed|crippled)\\b");
  private static final String[] STANDING_WORDS = {"remain", "remains", "remained", "remaining", "still", "stay", "stays", "stayed",
      "continue to be", "continues to be", "continued to be"};
  private static final Pattern STANDING_BEFORE = Pattern.compile(
      "\\b(?:remain|remains|remained|remaining|still|stay|stays|stayed|continue to be|continues to be|continued to be)\\s+(?:\\w+\\s+)?$");
  private static final Pattern STANDING_AFTER = Pattern.compile(
      "\\s*(?:[\\w'.-]+\\s+){0,4}(?:remain|remains|remained|stays|stayed|are still|is still) (?:in place|in force|in effect|unchanged)\\b");

  private Modality() {}

  /** A proposal, plan, rumour, denial or question rather than a decision. */
  static boolean hedged(Sentence s, int triggerStart, int triggerEnd) {
    String lower = s.lower();
    if (lower.stripTrailing().endsWith("?")) {
      return true;
    }
    // a hedge counts in its own independent clause: "Trump allows H20 sales; Beijing signals limits"
    int clauseFrom = lower.lastIndexOf(';', triggerStart) + 1;
    for (Cues.Hit h : s.cues().all(Cue.HEDGE, clauseFrom, triggerEnd)) {
      if (h.start() == triggerStart) {
        continue; // the trigger's own first word ("may not be shipped")
      }
      String word = lower.substring(h.start(), h.end());
      if (word.equals("would") && announcedBefore(s, h.start()) && !lower.substring(0, triggerStart).contains(" if ")) {
        continue; // reported speech: "said on Monday that the US would cut the tariff"
      }
      if (word.equals("may") && isMonth(lower, h)) {
        continue;
      }
      return true;
    }
    for (Cues.Hit h : s.cues().all(Cue.HEDGE_AFTER, triggerEnd, clauseEnd(lower, triggerEnd))) {
      if (!(lower.startsWith("unless", h.start()) && LICENCE_CONDITION.matcher(lower).region(h.start(), lower.length()).lookingAt())) {
        return true; // but "banned unless a licence is obtained" states a licence rule, not a condition on the ban
      }
    }
    return false;
  }

  private static boolean announcedBefore(Sentence s, int offset) {
    Cues.Hit speech = s.cues().last(Cue.SPEECH, 0, offset);
    if (speech == null || !ANNOUNCING.contains(s.lower().substring(speech.start(), speech.end()))) {
      return false;
    }
    return words(s.lower(), speech.end(), offset) <= 7;
  }

  private static boolean isMonth(String lower, Cues.Hit may) {
    String before = MentionFinder.wordBefore(lower, may.start());
    String after = MentionFinder.wordAfter(lower, may.end());
    return MONTH_PREPOSITIONS.contains(before) || (!after.isEmpty() && Character.isDigit(after.charAt(0)));
  }

  /** "did not ban", "no plans"; but "no longer" and "cannot ... without a licence" restrict rather than negate. */
  static boolean negated(Sentence s, TriggerLexicon.Match m) {
    if (m.trigger().withoutLicence()) {
      return false;
    }
    String lower = s.lower();
    int from = Math.max(0, m.start() - 50);
    for (Cues.Hit h : s.cues().all(Cue.NEGATION, from, m.start())) {
      if (lower.startsWith("no longer", h.start())) {
        continue;
      }
      if (closeAndSameClause(lower, h.end(), m.start())) {
        return true;
      }
    }
    int nt = lower.lastIndexOf("n't", m.start());
    return nt >= from && closeAndSameClause(lower, nt + 3, m.start());
  }

  private static boolean closeAndSameClause(String lower, int from, int to) {
    if (to - from > 40) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (lower.charAt(i) == ',' || lower.charAt(i) == ';') {
        return false;
      }
    }
    return true;
  }

  /**
   * An older action recalled in passing: a past date in the trigger's clause, a pluperfect, a relative
   * clause or recap conjunction ("before the US banned..."), unless the clause dates it as this news.
   *
   * @param published the article's date, or null when unknown
   */
  static boolean background(Sentence s, TriggerLexicon.Match m, Instant published) {
    return whyBackground(s, m, published) != null;
  }

  /** Why an action is background rather than the article's news ("past date", "ended state"...), or null. */
  static String whyBackground(Sentence s, TriggerLexicon.Match m, Instant published) {
    String lower = s.lower();
    int[] clause = actionClause(lower, m);
    int from = clause[0];
    int to = clause[1];
    int own = clauseStart(lower, m.start());
    if (own > 0 && own - clauseStart(lower, own - 1) <= SHORT_CLAUSE
        && LEADING_PAST.matcher(lower).region(clauseStart(lower, own - 1), own).find()) {
      return "set in the past";
    }
    EffectiveTime.Reading when = mayHoldDate(s, from, to) ? EffectiveTime.in(lower, from, to, m.start(), published) : null;
    if (when != null && when.isOver(published)) {
      return "a state that ended " + when.date(); // "until July even the H20 was banned": not in force
    }
    if (isStandingState(lower, from, to, m)) {
      return "a standing state or an older action";
    }
    // "on Tuesday" dates the clause it stands in, not a recalled action in another clause
    boolean newsTime = isNewsTime(s, from, Math.max(to, clauseEnd(lower, m.end())))
        || (from == 0 && isNewsTime(s, 0, m.start()));
    if (hasYear(lower, from, to) || s.cues().any(Cue.MONTH, from, to)) {
      if (pastDate(s, from, to, published, newsTime)) {
        return "dated before the article" + (when == null ? "" : " (" + when.date() + ")");
      }
    }
    if (endsWithPluperfect(lower, from, m.start()) && !s.cues().any(Cue.SPEECH, 0, m.start())) {
      return "pluperfect";
    }
    if (endsWithRelativeClause(lower, from, m.start()) && isPastForm(lower, m.start())) {
      return "recalled in a relative clause";
    }
    if (isAsideBeforeSpeech(lower, from, m)) {
      return "an aside";
    }
    if (newsTime) {
      return null;
    }
    if (m.kind() == EventKind.EXPORT_LICENSE_REQUIRED && isStandingRequirement(s, m)) {
      return "a requirement that stands";
    }
    if (s.cues().any(Cue.RECAP, Math.max(from, m.start() - 50), m.start()) || s.cues().any(Cue.RELATIVE_PAST, from, to)
        || recapPrepositionOpens(lower, from, m.start())) {
      return "a recap";
    }
    return isAsClauseInPerfect(lower, from, m.start()) ? "sets the scene" : null;
  }


  /**
   * "following Trump's reversal of a previous ban and his decision to allow sales": a clause opened by
   * a recap preposition recalls everything in it, however far the trigger stands from it.
   */
  private static boolean recapPrepositionOpens(String lower, int from, int triggerStart) {
    if (RECAP_OPENING.matcher(lower).region(from, triggerStart).lookingAt()) {
      return true;
    }
    int near = Math.min(triggerStart, from + 60);
    return (Words.anyWithin(lower, from, near, COMING) && COMES_AFTER.matcher(lower).region(from, triggerStart).lookingAt())
        || (Words.anyWithin(lower, from, near, BUILDING) && BUILDS_ON.matcher(lower).region(from, triggerStart).lookingAt());
  }

  private static final String[] COMING = {"comes", "come", "came", "coming"};
  private static final String[] BUILDING = {"builds", "build", "built", "building", "expands", "expand", "expanded", "expanding"};
  // "The move comes days after Trump said ...", "The rule builds on controls imposed ...": what follows is recalled
  private static final Pattern COMES_AFTER = Pattern.compile(
      "\\s*(?:[\\w'.-]+ ){0,4}?(?:comes?|came|coming) (?:[\\w-]+ ){0,3}?(?:after|following|amid)\\b");
  private static final Pattern BUILDS_ON = Pattern.compile(
      "\\s*(?:[\\w'.-]+ ){0,4}?(?:builds?|built|building|expands?|expanded|expanding) (?:up)?on\\b");

  /**
   * "As Trump has raised tariffs on ..., Beijing has ...": an as-clause in the perfect sets the scene;
   * so does one after a report ("the Justice Department said on Monday, as Trump gave the green light").
   */
  private static boolean isAsClauseInPerfect(String lower, int from, int triggerStart) {
    if (AS_PERFECT.matcher(lower).region(from, triggerStart).lookingAt()) {
      return true;
    }
    return from > 0 && lower.startsWith(" as ", from) && SAID_BEFORE.matcher(lower).region(0, from).find();
  }

  /**
   * The part of the sentence that dates an action: the trigger's clause, widened over a leading
   * clause that is only a date ("Until July, even H20s were banned") and over a participle clause
   * after it ("the new rules, announced a day earlier"); for a reversal only what comes before it
   * (a date after "reversing the halt" belongs to the halt).
   */
  static int[] actionClause(String lower, TriggerLexicon.Match m) {
    int from = clauseStart(lower, m.start());
    for (int k = 0; k < 2 && from > 0 && CONTINUING.matcher(lower).region(from, lower.length()).lookingAt(); k++) {
      from = clauseStart(lower, from - 1); // "..., including measures to curb ...": still the clause before
    }
    if (from > 0 && from - clauseStart(lower, from - 1) <= SHORT_CLAUSE
        && LEADING_DATE.matcher(lower).region(clauseStart(lower, from - 1), from).find()) {
      from = clauseStart(lower, from - 1);
    }
    if (m.trigger().reversal()) {
      // "lifted the ban in July" dates the lifting, "lifted the ban imposed in April" the ban
      int to = clauseEnd(lower, m.end());
      Matcher object = OBJECT_CLAUSE.matcher(lower).region(m.end(), to);
      return new int[] {from, object.find() ? object.start() : to};
    }
    int to = clauseEnd(lower, m.end());
    if (to < lower.length() && PARTICIPLES.contains(MentionFinder.wordAfter(lower, to + 1))) {
      to = clauseEnd(lower, to + 1); // "China's new restrictions, announced a day earlier": the date belongs to them
    }
    return new int[] {from, to};
  }

  /**
   * Whether [from, to) can hold a date EffectiveTime reads: a digit, a month, a news-time word or a
   * relative one. Most clauses hold none, and the date patterns are not cheap.
   */
  static boolean mayHoldDate(Sentence s, int from, int to) {
    if (s.cues().any(Cue.MONTH, from, to) || s.cues().any(Cue.NEWS_TIME, from, to)) {
      return true;
    }
    String lower = s.lower();
    for (int i = from; i < to; i++) {
      char c = lower.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    int last = lower.indexOf("last ", from);
    int ago = lower.indexOf(" ago", from);
    return (last >= 0 && last < to) || (ago >= 0 && ago < to);
  }

  /** "Blackwell chips remain banned", "the curbs are still in place": a standing state, not an action. */
  private static boolean isStandingState(String lower, int from, int to, TriggerLexicon.Match m) {
    int back = Math.max(from, m.start() - 30);
    int afterEnd = to > m.end() ? Math.min(to, m.end() + 50) : m.end();
    int near = Math.max(from, m.start() - 25);
    int era = lower.indexOf("-era", near);
    if (Words.anyWithin(lower, near, m.end(), OLDER_OBJECT) || (era >= 0 && era < m.end())) { // "a Biden-era rule"
      return true;
    }
    // "sales of chips now requiring export licences": a requirement that already stands
    if (ATTRIBUTIVE_NEED.matcher(lower).region(m.start(), m.end()).lookingAt()
        && PRODUCT_BEFORE.matcher(lower).region(Math.max(from, m.start() - 30), m.start()).find()) {
      return true;
    }
    if (DEFINITE_SUBJECT.matcher(lower).region(from, m.start()).matches()
        && EFFECT_VERB.matcher(lower).region(m.end(), afterEnd).lookingAt()) {
      return true; // "the H20 export ban ended our Hopper business in China": a known ban and its effect
    }
    return Words.anyWithin(lower, Math.max(from, m.start() - 22), m.start(), STANDING_WORDS)
        && STANDING_BEFORE.matcher(lower).region(back, m.start()).find()
        || STANDING_AFTER.matcher(lower).region(m.end(), afterEnd).lookingAt();
  }

  private static boolean isNewsTime(Sentence s, int from, int to) {
    for (Cues.Hit h : s.cues().all(Cue.NEWS_TIME, from, to)) {
      // "Micron said on Monday that ... after Beijing barred ...": the day of the report, not of the action
      String before = MentionFinder.wordBefore(s.lower(), h.start());
      if (!ItemFinder.SPEECH.contains(before) && !before.equals("earlier")) { // "earlier this week" recalls
        return true;
      }
    }
    String lower = s.lower();
    for (int on = lower.indexOf("on ", from); on >= 0 && on + 3 < to; on = lower.indexOf("on ", on + 3)) {
      if (on > 0 && Chars.isWordChar(lower.charAt(on - 1))) {
        continue;
      }
      String next = MentionFinder.wordAfter(lower, on + 3);
      boolean dateLike = !next.isEmpty() && (Character.isDigit(next.charAt(0)) || MONTH_ABBREVIATIONS.contains(next.substring(0, Math.min(3, next.length()))));
      if (dateLike && NUMERIC_NEWS_DATE.matcher(lower).region(on, to).lookingAt()) {
        return true;
      }
    }
    return false;
  }

  private static boolean pastDate(Sentence s, int from, int to, Instant published, boolean newsTime) {
    Matcher d = DATE.matcher(s.lower()).region(from, to);
    while (d.find()) {
      int clause = Math.max(Math.max(from, d.start() - 30), Math.max(s.lower().lastIndexOf(',', d.start()), s.lower().lastIndexOf(';', d.start())));
      if (Words.anyWithin(s.lower(), clause, d.start(), STARTS_BEFORE)) {
        continue; // "starting in September", "takes effect in May": a start ahead, not a date past
      }
      EffectiveTime.Reading day = hasDayNumber(s.lower(), d.start(), d.end())
          ? EffectiveTime.in(s.lower(), d.start(), Math.min(to, d.end() + 12), d.start(), published) : null;
      if (day != null && day.precision() == EffectiveTime.Precision.DAY && published != null
          && !day.date().isBefore(published.atZone(ZoneOffset.UTC).toLocalDate().minusDays(RECENT_DAYS))) {
        continue; // "on August 26" in a September 1 article: days old, disclosed now, still the news
      }
      String month = d.group("month");
      String year = d.group("year");
      if ((month == null && year == null) || FUTURE_PREPOSITIONS.contains(d.group("prep"))) {
        continue; // no date, or a deadline or start date ahead
      }
      if ("may".equals(month) && year == null && !Character.isUpperCase(s.text().charAt(d.start("month")))) {
        continue; // the verb
      }
      if (isPast(month, year, published, newsTime)) {
        return true;
      }
    }
    Matcher y = YEAR_RULES.matcher(s.lower()).region(from, to);
    while (y.find()) {
      if (isPast(null, y.group("year"), published, newsTime)) {
        return true;
      }
    }
    return false;
  }

  /**
   * "The company needs licences to ship its tools": a requirement that stands, described in the plain
   * present, not a new one ("will need", "now requires", "the rule requires").
   */
  private static boolean isStandingRequirement(Sentence s, TriggerLexicon.Match m) {
    String lower = s.lower();
    int end = m.start();
    while (end < lower.length() && Chars.isLetter(lower.charAt(end))) end++;
    String verb = lower.substring(m.start(), end);
    if (!STATIVE_NEEDS.contains(verb)) {
      return false;
    }
    String[] before = lastWords(lower, 0, m.start(), 3);
    for (String w : before) {
      if (CHANGE_MARKERS.contains(w)) {
        return false;
      }
    }
    return !s.cues().any(Cue.RULE, 0, m.start());
  }

  /** "had allowed", "had already banned", "previously barred": the last words before the trigger. */
  private static boolean endsWithPluperfect(String lower, int from, int triggerStart) {
    String[] last = lastWords(lower, from, triggerStart, 2);
    return PLUPERFECT_MARKS.contains(last[0]) || PLUPERFECT_MARKS.contains(last[1]);
  }

  /** "licences that allowed", "Washington, which has lifted". */
  private static boolean endsWithRelativeClause(String lower, int from, int triggerStart) {
    String[] last = lastWords(lower, from, triggerStart, 5);
    if (RELATIVE_PRONOUNS.contains(last[0]) || (PERFECT.contains(last[1]) && RELATIVE_PRONOUNS.contains(last[2]))
        || (PERFECT.contains(last[0]) && RELATIVE_PRONOUNS.contains(last[1]))) {
      return true; // "restrictions that had halted exports"
    }
    // "which Chinese regulators have discouraged": a perfect after "which" and its subject ("that" is
    // too often "said that the US had...")
    if (PERFECT.contains(last[0])) {
      for (int k = 1; k < last.length; k++) {
        if (last[k].equals("which") || last[k].equals("who")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The n words before offset (nearest first), "" where the clause runs out. */
  private static String[] lastWords(String lower, int from, int offset, int n) {
    String[] out = new String[n];
    java.util.Arrays.fill(out, "");
    int i = offset;
    for (int k = 0; k < n; k++) {
      while (i > from && lower.charAt(i - 1) == ' ') i--;
      int end = i;
      while (i > from && Chars.isLetter(lower.charAt(i - 1))) i--;
      if (end == i) {
        break;
      }
      out[k] = lower.substring(i, end);
    }
    return out;
  }

  private static int words(String lower, int from, int to) {
    int n = 0;
    boolean inWord = false;
    for (int i = from; i < to; i++) {
      boolean letter = Chars.isWordChar(lower.charAt(i));
      if (letter && !inWord) n++;
      inWord = letter;
    }
    return n;
  }

  /** A four-digit number from 1900 to 2099: only then can a clause hold a dated year. */
  private static boolean hasYear(String lower, int from, int to) {
    for (int i = from; i + 4 <= to; i++) {
      char c = lower.charAt(i);
      if ((c == '1' || c == '2') && (i == 0 || !Character.isDigit(lower.charAt(i - 1)))
          && Character.isDigit(lower.charAt(i + 1)) && Character.isDigit(lower.charAt(i + 2)) && Character.isDigit(lower.charAt(i + 3))
          && (i + 4 == lower.length() || !Character.isDigit(lower.charAt(i + 4)))
          && (lower.startsWith("19", i) || lower.startsWith("20", i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * "Biren and Moore Threads, the GPU designers blacklisted by Washington on Tuesday, said they would
   * comply": the action sits in an aside to the subject of a report about something else.
   */
  private static boolean isAsideBeforeSpeech(String lower, int from, TriggerLexicon.Match m) {
    if (from == 0 || lower.charAt(from - 1) != ',') {
      return false;
    }
    int end = clauseEnd(lower, m.end());
    if (end >= lower.length() || lower.charAt(end) != ',') {
      return false;
    }
    String next = MentionFinder.wordAfter(lower, end + 1);
    return ItemFinder.SPEECH.contains(next);
  }

  /** The trigger's first word is a past form: "allowed", "barred", "let", "cut". */
  private static boolean isPastForm(String lower, int start) {
    int end = start;
    while (end < lower.length() && Chars.isLetter(lower.charAt(end))) end++;
    String w = lower.substring(start, end);
    return w.endsWith("ed") || w.equals("let") || w.equals("cut") || w.equals("put") || w.equals("set");
  }

  private static boolean isPast(String month, String year, Instant published, boolean newsTime) {
    if (published == null) {
      // without the article's date, a dated action is taken as recalled unless the clause says "on Friday"
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
