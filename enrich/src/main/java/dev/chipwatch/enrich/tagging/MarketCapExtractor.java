package dev.chipwatch.enrich.tagging;

import java.util.ArrayList;
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
  /** Phrases before a sum that make it a company's value. */
  private static final Pattern VALUE_BEFORE = Pattern.compile(
      "(?:market (?:value|valuation|capitali[sz]ation|cap)|valued at|valuing (?:it|the company|the group) at|"
          + "values? (?:it|the company|the group|the firm) at|valuation of|\\bworth)(?:\\s[\\w'.,-]+){0,5}?\\s?$");
  /** Headline verbs that, before a trillion-dollar sum next to a company, state its value. */
  private static final Pattern MILESTONE_BEFORE = Pattern.compile(
      "\\b(?:tops?|topped|topping|hits?|hitting|touch(?:es|ed|ing)?|reach(?:es|ed|ing)?|cross(?:es|ed|ing)?|"
          + "pass(?:es|ed|ing)?|surpass(?:es|ed|ing)?|exceed(?:s|ed|ing)?|breach(?:es|ed)?|becomes?|became|"
          + "near(?:s|ed|ing)?|above|past|beyond)\\b(?:\\s[\\w'.,-]+){0,4}?\\s?$");
  /** Phrases right after a sum that make it a value: "a $4tn market value", "the $1 trillion club". */
  private static final Pattern VALUE_AFTER = Pattern.compile(
      "^\\s?(?:-|\\s)?(?:market (?:value|valuation|capitali[sz]ation|cap)|valuation|club|company|mark|milestone|threshold|level)\\b");
  /** A change of value or a different kind of sum, between the value phrase and the sum. */
  private static final Pattern NOT_A_VALUE = Pattern.compile(
      "\\b(?:eras\\w*|wip\\w*|lost|los(?:e|es|ing)|shed\\w*|add(?:s|ed|ing)?|gain\\w*|jump\\w*|drop\\w*|fell|fall\\w*|"
          + "slump\\w*|plung\\w*|tumbl\\w*|sank|sink\\w*|rout|by|revenue\\w*|sales|income|profit\\w*|earnings|charge\\w*|"
          + "bookings?|forecast\\w*|guidance|outlook|capex|spending|spend|buybacks?|repurchase\\w*|invest\\w*|funding|"
          + "rais\\w*|round|deal|contracts?|orders?|imports?|exports?|demand|opportunity|market for|"
          + "could|would|might|may|budget|loans?|debt|bid|offer|acquisition|acquire\\w*|buy|pay\\w*|fine[ds]?|penalty|"
          + "cost\\w*|price[ds]?|worth of)\\b");
  private static final Pattern CHANGE_AFTER = Pattern.compile(
      "^\\s?(?:of|in|from|off)\\s(?:its\\s|their\\s|the\\s)?(?:market\\s)?(?:value|valuation|capitali[sz]ation|cap|stock market value)\\b"
          + "|^\\s?off\\b|^\\s?(?:a|per) year\\b|^\\s?annually\\b|^\\s?worth of\\b|^\\s?in (?:revenue|sales|orders|funding)\\b"
          + "|^\\s?of (?:revenue|sales|orders|bookings|funding|imports|exports|investment|spending)\\b");
  private static final Pattern CHANGE_VERB_AT_END = Pattern.compile(
      "\\b(?:eras\\w*|wip\\w*|lost|los(?:e|es|ing)|shed\\w*|add(?:s|ed|ing)?|gain\\w*|cut\\w*|knock\\w*|slash\\w*)\\s(?:\\w+\\s)?$");
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
    int anchor = foreignSumBefore(s.text(), amount.start());
    String before = clauseBefore(s.lower(), anchor);
    String after = s.lower().substring(amount.end(), Math.min(s.lower().length(), amount.end() + 40));
    if (CHANGE_AFTER.matcher(after).find()) {
      return false;
    }
    var cue = VALUE_BEFORE.matcher(before);
    if (cue.find()) {
      String between = before.substring(cue.start());
      String lead = before.substring(0, cue.start());
      return !NOT_A_VALUE.matcher(between).find() && !endsWithChangeVerb(lead);
    }
    if (VALUE_AFTER.matcher(after).find()) {
      return !NOT_A_VALUE.matcher(tail(before, 30)).find();
    }
    // "Nvidia tops $4 trillion": a trillion-dollar figure reached by a company is its value
    if (amount.usd() >= 0.1 * TRILLION && amount.usd() < 100 * TRILLION) {
      var milestone = MILESTONE_BEFORE.matcher(before);
      return milestone.find() && !NOT_A_VALUE.matcher(before).find();
    }
    return false;
  }

  /** "erasing market capitalisation of $590 billion": the phrase names a loss, not a value. */
  private static boolean endsWithChangeVerb(String lead) {
    return CHANGE_VERB_AT_END.matcher(lead).find() || NOT_A_VALUE.matcher(tail(lead, 12)).find();
  }

  /** "600 billion yuan ($84 billion)": the cue stands before the foreign sum. */
  private static int foreignSumBefore(String text, int start) {
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

  /** The text before offset back to the start of its clause (a ';' or the sentence start). */
  private static String clauseBefore(String lower, int offset) {
    int from = Math.max(lower.lastIndexOf(';', offset - 1) + 1, 0);
    return lower.substring(Math.max(from, offset - 120), offset);
  }

  private static String tail(String s, int n) {
    return s.substring(Math.max(0, s.length() - n));
  }

  /**
   * The company a value belongs to: the company named nearest before the sum in the sentence; when the
   * sentence names none ("giving it a market value of..."), the last one named before it.
   */
  private String subjectOf(Sentence s, int offset, String lastVendor) {
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
