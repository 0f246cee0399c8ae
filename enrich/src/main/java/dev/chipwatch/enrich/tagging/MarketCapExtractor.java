package dev.chipwatch.enrich.tagging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds listed companies' market values: a dollar sum tied to a value phrase ("market value of about
 * $3.9 trillion", "valued at $5 trillion", "worth $4tn", "the $1 trillion club", a headline's "tops
 * $4 trillion") and given to the company the phrase is about. Changes of value, revenue and other
 * sums, and private companies' valuations are left out.
 */
final class MarketCapExtractor {
  /** Phrases right after a sum that make it a value: "a $4tn market value", "the $1 trillion club". */
  private static final Pattern VALUE_AFTER = Pattern.compile(
      "^\\s?(?:-|\\s)?(?:market (?:value|valuation|capitali[sz]ation|cap)|valuation|club|company|mark|milestone|threshold|level|barrier)\\b");
  /** "hit $4 trillion in value", "surpass $5 trillion in market capitalisation": reached, not gained. */
  private static final Pattern IN_VALUE_AFTER = Pattern.compile(
      "^\\s?in (?:market )?(?:value|valuation|capitali[sz]ation|cap)\\b");
  /** "its market cap jumped 9% to nearly $1.7 trillion": the value a change ends at. */
  private static final Pattern RESULTING_VALUE_BEFORE = Pattern.compile(
      "\\b(?:to|at) (?:reach |hit |a record |an all-time high of |a high of )?(?:(?:nearly|about|around|almost|over|more than|close to|roughly|just over|just under|some|approximately|an estimated)\\s)?$");
  /** Sums that are a company's revenue, profit or forecast, however the sentence frames them. */
  private static final Pattern OTHER_SUMS = Pattern.compile(
      "\\b(?:revenue|revenues|sales|income|profit|profits|earnings|forecast\\w*|guidance|bookings|orders|capex)\\b");
  /** Aims and bets: "a serious contender to join the $1 trillion club". */
  private static final String[] ASPIRATION = {"eyes", "eyeing", "contender", "aim to", "aims to", "aiming to", "on track to",
      "poised to", "could", "might", "may", "would", "expected to", "set to", "race to", "bid to", "hope to", "hopes to"};
  /** Words before "worth" that make the worth a company's: "Nvidia is worth", "the company, worth". */
  private static final java.util.Set<String> WORTH_SUBJECTS = java.util.Set.of(
      "is", "was", "are", "were", "be", "been", "being", "now", "become", "became", "becomes", "company", "firm", "group",
      "chipmaker", "it", "its", "itself");
  /** "the company's market value", "its valuation": the article's company, not the last one named. */
  private static final Pattern POSSESSIVE_ANAPHOR = Pattern.compile(
      "\\b(?:its|the company's|the firm's|the chipmaker's|the chip designer's)\\s(?:[\\w-]+\\s){0,2}$");
  /** A company the taxonomy does not know, as the sentence's subject: "LG Energy Solution, a battery maker, ...", "Hyundai's". */
  private static final Pattern UNKNOWN_COMPANY = Pattern.compile(
      "^(?:\\p{Lu}[\\w&.-]*\\s){1,3}?\\p{Lu}[\\w&.-]*(?:,|'s\\b)|\\b\\p{Lu}[\\w&-]+'s\\s(?:market|valuation|capitali)");
  private static final Pattern CHANGE_AFTER = Pattern.compile(
      "^\\s?(?:of|in|from|off)\\s(?:its\\s|their\\s|the\\s)?(?:market\\s)?(?:value|valuation|capitali[sz]ation|cap|stock market value)\\b"
          + "|^\\s?off\\b|^\\s?(?:a|per) year\\b|^\\s?annually\\b|^\\s?worth of\\b|^\\s?in (?:revenue|sales|orders|funding)\\b"
          + "|^\\s?of (?:revenue|sales|orders|bookings|funding|imports|exports|investment|spending)\\b");
  /** The words either pattern can start with: others need not try it. */
  private static final java.util.Set<String> VALUE_AFTER_FIRST = java.util.Set.of(
      "market", "valuation", "club", "company", "mark", "milestone", "threshold", "level");
  private static final java.util.Set<String> CHANGE_AFTER_FIRST = java.util.Set.of(
      "of", "in", "from", "off", "a", "per", "annually", "worth");
  private static final java.util.Set<String> CHANGE_VERBS = java.util.Set.of(
      "lost", "lose", "loses", "losing", "add", "adds", "added", "adding", "cut", "cuts", "cutting", "loss", "losses",
      "decline", "declines", "drop", "drops", "plunge", "rout", "wipeout");
  private static final java.util.List<String> CHANGE_STEMS = java.util.List.of("eras", "wip", "shed", "gain", "knock", "slash");
  private static final Pattern PAREN_BEFORE = Pattern.compile(
      "\\(\\s?(?:about|around|roughly|some|nearly|almost|over|more than|or|approximately|approx\\.|an estimated|estimated|close to|~|us)?\\s?$");
  private static final double TRILLION = 1e12;

  private final Taxonomy taxonomy;

  MarketCapExtractor(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  List<MarketValue> extract(List<Sentence> sentences) {
    Map<String, MarketValue> out = new LinkedHashMap<>();
    String lastVendor = null;
    String mainVendor = mainVendor(sentences);
    for (Sentence s : sentences) {
      if (MoneyAmount.mayContainDollars(s.lower())) {
        for (MoneyAmount amount : MoneyAmount.find(s.text())) {
          if (!amount.isUsd() || !isValue(s, amount)) {
            continue;
          }
          // a sentence that names no company speaks of the last one named, or else of the article's own
          String previous = lastVendor != null && taxonomy.isListed(lastVendor) ? lastVendor : mainVendor;
          String vendor = subjectOf(s, amount.start(), previous, mainVendor);
          if (vendor != null && taxonomy.isListed(vendor)) {
            // once per (vendor, value): the headline and the body usually state the same figure
            out.putIfAbsent(vendor + "|" + Math.round(amount.usd() / 1e6), new MarketValue(vendor, amount.usd(), s.text()));
          }
        }
      }
      lastVendor = lastVendorIn(s, s.text().length(), lastVendor);
    }
    return List.copyOf(out.values());
  }

  /** The company the article is about: the first named in its headline, else the first named at all. */
  private static String mainVendor(List<Sentence> sentences) {
    for (Sentence s : sentences) {
      if (s.inTitle()) {
        for (Mention m : s.mentions()) {
          if (m.kind() == AliasKind.VENDOR) return m.target();
        }
      }
    }
    for (Sentence s : sentences) {
      for (Mention m : s.mentions()) {
        if (m.kind() == AliasKind.VENDOR) return m.target();
      }
    }
    return null;
  }

  private static boolean isValue(Sentence s, MoneyAmount amount) {
    String lower = s.lower();
    int anchor = foreignSumBefore(s.text(), amount.start());
    int from = Math.max(Math.max(lower.lastIndexOf(';', anchor - 1) + 1, 0), anchor - 120);
    String after = lower.substring(amount.end(), Math.min(lower.length(), amount.end() + 40));
    String next = firstWord(after);
    return stated(s, amount, lower, anchor, from, after, next)
        && !Words.anyWithin(lower, Math.max(from, anchor - 60), anchor, ASPIRATION);
  }

  /** Whether the sentence states the sum as a value, aims and bets aside. */
  private static boolean stated(Sentence s, MoneyAmount amount, String lower, int anchor, int from, String after, String next) {
    boolean reached = cueWithin(s, Cue.MILESTONE, from, anchor, 4) != null;
    if (reached && IN_VALUE_AFTER.matcher(after).lookingAt() && !s.cues().any(Cue.NOT_VALUE, Math.max(from, anchor - 30), anchor)) {
      return true;
    }
    if (CHANGE_AFTER_FIRST.contains(next) && CHANGE_AFTER.matcher(after).lookingAt()) {
      return false;
    }
    Cues.Hit cue = cueWithin(s, Cue.VALUE, from, anchor, 7);
    if (cue != null && !worthOfAThing(s, cue)) {
      if (!s.cues().any(Cue.NOT_VALUE, cue.start(), anchor) && !changeBefore(s, from, cue.start())) {
        return true;
      }
      // "market capitalisation skyrocketed by 89% to reach 103 trillion won (around $78 billion)"
      return RESULTING_VALUE_BEFORE.matcher(lower).region(Math.max(from, anchor - 40), anchor).find()
          && Modality.clauseStart(lower, anchor) <= cue.start();
    }
    Cues.Hit farCue = s.cues().last(Cue.VALUE, from, anchor);
    if (farCue != null && !worthOfAThing(s, farCue) && RESULTING_VALUE_BEFORE.matcher(lower).region(Math.max(from, anchor - 40), anchor).find()) {
      return true; // "adding $158 billion in market value to nearly $1.7 trillion"
    }
    if (VALUE_AFTER_FIRST.contains(next) && VALUE_AFTER.matcher(after).lookingAt()) {
      return !s.cues().any(Cue.NOT_VALUE, Math.max(from, anchor - 30), anchor) && !OTHER_SUMS.matcher(lower).region(0, anchor).find();
    }
    // "peers Microsoft ($3.7 trillion) and Apple": a sum in brackets after a company, in a sentence on values
    if (lower.lastIndexOf('(', anchor) >= anchor - 2 && lower.lastIndexOf('(', anchor) >= 0 && s.cues().last(Cue.VALUE, 0, anchor) != null
        && vendorRightBefore(s, lower.lastIndexOf('(', anchor)) != null) {
      return true;
    }
    // "Nvidia tops $4 trillion": a trillion-dollar figure reached by a company is its value
    if (amount.usd() >= 0.1 * TRILLION && amount.usd() < 100 * TRILLION) {
      return cueWithin(s, Cue.MILESTONE, from, anchor, 4) != null && !s.cues().any(Cue.NOT_VALUE, from, anchor);
    }
    return false;
  }

  /** "35,000 chips, worth an estimated $1 billion": the worth of goods, not of a company. */
  private static boolean worthOfAThing(Sentence s, Cues.Hit cue) {
    String lower = s.lower();
    if (!lower.startsWith("worth", cue.start())) {
      return false;
    }
    int i = cue.start();
    String before = MentionFinder.wordBefore(lower, i);
    while (before.endsWith("ly") || before.equals("now") || before.equals("still") || before.equals("already")) {
      i = lower.lastIndexOf(before, i - 1); // "which is currently worth": past the adverbs
      before = MentionFinder.wordBefore(lower, i);
    }
    if (WORTH_SUBJECTS.contains(before)) {
      return false;
    }
    while (i > 0 && (lower.charAt(i - 1) == ' ' || lower.charAt(i - 1) == ',')) i--;
    return vendorEndingAt(s, i) == null;
  }

  /** The vendor named just before offset (a space or nothing between), or null. */
  private static Mention vendorRightBefore(Sentence s, int offset) {
    int i = offset;
    while (i > 0 && s.lower().charAt(i - 1) == ' ') i--;
    return vendorEndingAt(s, i);
  }

  private static Mention vendorEndingAt(Sentence s, int end) {
    for (Mention m : s.mentions()) {
      if (m.kind() == AliasKind.VENDOR && (m.end() == end || (m.end() + 2 >= end && m.end() <= end
          && s.lower().substring(m.end(), end).matches("'s?|’s?")))) {
        return m;
      }
    }
    return null;
  }

  /** The letters after at most two leading spaces or hyphens. */
  private static String firstWord(String after) {
    int i = 0;
    while (i < 2 && i < after.length() && (Character.isWhitespace(after.charAt(i)) || after.charAt(i) == '-')) i++;
    int end = i;
    while (end < after.length() && Chars.isLetter(after.charAt(end))) end++;
    return after.substring(i, end);
  }

  /** The first cue of a kind in [from, to) followed by at most maxWords plain words up to {@code to}. */
  private static Cues.Hit cueWithin(Sentence s, Cue kind, int from, int to, int maxWords) {
    for (Cues.Hit h : s.cues().all(kind, from, to)) {
      if (plainWords(s.lower(), h.end(), to) <= maxWords) {
        return h;
      }
    }
    return null;
  }

  /** Words between from and to, or a large number if anything but words and light punctuation stands there. */
  private static int plainWords(String lower, int from, int to) {
    int words = 0;
    boolean inWord = false;
    for (int i = from; i < to; i++) {
      char c = lower.charAt(i);
      boolean word = Chars.isWordChar(c) || c == '\'' || c == '.' || c == ',' || c == '-';
      if (!word && c != ' ') {
        return Integer.MAX_VALUE;
      }
      if (word && !inWord) words++;
      inWord = word;
    }
    return words;
  }

  /** "erasing market capitalisation of $590 billion": the phrase names a loss, not a value. */
  private static boolean changeBefore(Sentence s, int from, int cueStart) {
    String lower = s.lower();
    int i = cueStart;
    for (int k = 0; k < 2; k++) {
      while (i > from && lower.charAt(i - 1) == ' ') i--;
      int end = i;
      while (i > from && Chars.isLetter(lower.charAt(i - 1))) i--;
      String w = lower.substring(i, end);
      if (CHANGE_VERBS.contains(w) || CHANGE_STEMS.stream().anyMatch(w::startsWith)) {
        return true;
      }
    }
    return s.cues().any(Cue.NOT_VALUE, Math.max(from, cueStart - 12), cueStart);
  }

  /** "600 billion yuan ($84 billion)": the cue stands before the foreign sum. */
  private static int foreignSumBefore(String text, int start) {
    if (text.lastIndexOf('(', start - 1) < Math.max(0, start - 30)) {
      return start; // no parenthesis just before the sum
    }
    var paren = PAREN_BEFORE.matcher(text.substring(Math.max(0, start - 30), start));
    if (!paren.find()) {
      return start;
    }
    int i = Math.max(0, start - 30) + paren.start();
    for (MoneyAmount m : MoneyAmount.find(text.substring(0, i))) {
      boolean local = !m.isUsd() || (text.charAt(m.start()) == '$' && MoneyAmount.markedUs(text, start)); // "$5tn ($US3.3tn)"
      if (local && text.substring(m.end(), i).isBlank()) {
        return m.start();
      }
    }
    return start;
  }

  /**
   * The company a value belongs to: the company named nearest before the sum in the sentence; when the
   * sentence names none ("giving it a market value of..."), the last one named before it.
   */
  private String subjectOf(Sentence s, int offset, String lastVendor, String mainVendor) {
    int paren = s.lower().lastIndexOf('(', offset);
    if (paren >= offset - 2 && paren >= 0) {
      Mention before = vendorRightBefore(s, paren);
      if (before != null) {
        return before.target();
      }
    }
    Cues.Hit cue = s.cues().last(Cue.VALUE, Math.max(0, offset - 60), offset);
    if (cue != null && mainVendor != null
        && s.mentions().stream().noneMatch(m -> m.start() < offset && (m.kind() == AliasKind.VENDOR || m.kind() == AliasKind.OTHER_COMPANY))
        && POSSESSIVE_ANAPHOR.matcher(s.lower()).region(Math.max(0, cue.start() - 40), cue.start()).find()
        && !UNKNOWN_COMPANY.matcher(s.text()).region(0, offset).find()) {
      return mainVendor; // "the company's market value stood at ...": the company the article is about
    }
    return subjectNamed(s, offset, lastVendor);
  }

  private String subjectNamed(Sentence s, int offset, String lastVendor) {
    // "Broadcom ... after a customer, reported to be OpenAI, ordered chips, taking its market value to...":
    // "its" points back to the subject, the first company named
    if (possessiveBeforeCue(s, offset)) {
      for (Mention m : s.mentions()) {
        if (m.start() < offset && (m.kind() == AliasKind.VENDOR || m.kind() == AliasKind.OTHER_COMPANY)) {
          return m.kind() == AliasKind.VENDOR ? m.target() : null;
        }
      }
    }
    Mention nearest = null;
    for (Mention m : s.mentions()) {
      if (m.start() < offset && (m.kind() == AliasKind.VENDOR || m.kind() == AliasKind.OTHER_COMPANY)
          && !inRelativeClause(s.lower(), m.start(), offset)) {
        nearest = m;
      }
    }
    if (nearest != null) {
      return nearest.kind() == AliasKind.VENDOR ? nearest.target() : null;
    }
    for (Mention m : s.mentions()) {
      if (m.kind() == AliasKind.VENDOR || m.kind() == AliasKind.OTHER_COMPANY) {
        return null; // named only after the sum: too loose to bind
      }
    }
    if (UNKNOWN_COMPANY.matcher(s.text()).region(0, offset).find()) {
      return null; // the value of a company we do not track, not of the last one named
    }
    return lastVendor;
  }

  /** "its market value", "their market capitalisation" just before the sum. */
  private static boolean possessiveBeforeCue(Sentence s, int offset) {
    Cues.Hit cue = s.cues().last(Cue.VALUE, Math.max(0, offset - 60), offset);
    if (cue == null) {
      return false;
    }
    String before = MentionFinder.wordBefore(s.lower(), cue.start());
    return before.equals("its") || before.equals("their");
  }

  /** "Nvidia, which supplies Oracle's data centres, was worth...": Oracle is inside an aside. */
  private static boolean inRelativeClause(String lower, int at, int offset) {
    int open = Math.max(lower.lastIndexOf(", which ", at), lower.lastIndexOf(", who ", at));
    if (open < 0) {
      return false;
    }
    int close = lower.indexOf(',', open + 2);
    return close >= 0 && close > at && close < offset;
  }

  private static String lastVendorIn(Sentence s, int offset, String previous) {
    String last = previous;
    for (Mention m : s.mentions()) {
      if (m.start() < offset && m.kind() == AliasKind.VENDOR) {
        last = m.target();
      }
    }
    return last;
  }
}
