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
      "^\\s?(?:-|\\s)?(?:market (?:value|valuation|capitali[sz]ation|cap)|valuation|club|company|mark|milestone|threshold|level)\\b");
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
      "lost", "lose", "loses", "losing", "add", "adds", "added", "adding", "cut", "cuts", "cutting");
  private static final java.util.List<String> CHANGE_STEMS = java.util.List.of("eras", "wip", "shed", "gain", "knock", "slash");
  private static final Pattern PAREN_BEFORE = Pattern.compile("\\(\\s?(?:about|around|roughly|some|nearly|almost|over|more than|or)?\\s?$");
  private static final double TRILLION = 1e12;

  private final Taxonomy taxonomy;

  MarketCapExtractor(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  List<MarketValue> extract(List<Sentence> sentences) {
    Map<String, MarketValue> out = new LinkedHashMap<>();
    String lastVendor = null;
    for (Sentence s : sentences) {
      if (MoneyAmount.mayContainDollars(s.lower())) {
        for (MoneyAmount amount : MoneyAmount.find(s.text())) {
          if (!amount.isUsd() || !isValue(s, amount)) {
            continue;
          }
          String vendor = subjectOf(s, amount.start(), lastVendor);
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

  private static boolean isValue(Sentence s, MoneyAmount amount) {
    String lower = s.lower();
    int anchor = foreignSumBefore(s.text(), amount.start());
    int from = Math.max(Math.max(lower.lastIndexOf(';', anchor - 1) + 1, 0), anchor - 120);
    String after = lower.substring(amount.end(), Math.min(lower.length(), amount.end() + 40));
    String next = firstWord(after);
    if (CHANGE_AFTER_FIRST.contains(next) && CHANGE_AFTER.matcher(after).lookingAt()) {
      return false;
    }
    Cues.Hit cue = cueWithin(s, Cue.VALUE, from, anchor, 7);
    if (cue != null) {
      return !s.cues().any(Cue.NOT_VALUE, cue.start(), anchor) && !changeBefore(s, from, cue.start());
    }
    if (VALUE_AFTER_FIRST.contains(next) && VALUE_AFTER.matcher(after).lookingAt()) {
      return !s.cues().any(Cue.NOT_VALUE, Math.max(from, anchor - 30), anchor);
    }
    // "Nvidia tops $4 trillion": a trillion-dollar figure reached by a company is its value
    if (amount.usd() >= 0.1 * TRILLION && amount.usd() < 100 * TRILLION) {
      return cueWithin(s, Cue.MILESTONE, from, anchor, 4) != null && !s.cues().any(Cue.NOT_VALUE, from, anchor);
    }
    return false;
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
      if (!m.isUsd() && text.substring(m.end(), i).isBlank()) {
        return m.start();
      }
    }
    return start;
  }

  /**
   * The company a value belongs to: the company named nearest before the sum in the sentence; when the
   * sentence names none ("giving it a market value of..."), the last one named before it.
   */
  private String subjectOf(Sentence s, int offset, String lastVendor) {
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
