package dev.chipwatch.alerts.rules;

import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.Article;
import dev.chipwatch.schemas.avro.TaggedArticle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Watch-list matching for MENTION rules: which of a rule's vendors, items and keywords an article
 * mentions, plus the sentences that mention them as evidence.
 */
final class MentionMatcher {

  record Match(List<String> vendors, List<String> items, List<String> keywords, List<String> evidence) {}

  private static final int MAX_EVIDENCE = 3;
  private static final int MAX_CACHED_PATTERNS = 10_000;
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

  /** Keyword patterns are compiled once; rules change rarely, articles arrive all the time. */
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  /**
   * @param mentionedLineage the article's chips with their families and vendors
   * @return the match, or null when any non-empty list of the rule finds nothing; a rule with
   *     nothing on its watch list matches nothing (rather than every article)
   */
  Match match(AlertRule rule, TaggedArticle tagged, Set<String> mentionedLineage) {
    if (rule.getVendors().isEmpty() && rule.getItems().isEmpty() && rule.getKeywords().isEmpty()) {
      return null;
    }
    List<String> vendors = new ArrayList<>();
    for (String vendor : rule.getVendors()) {
      if (tagged.getVendors().contains(vendor)) {
        vendors.add(vendor);
      }
    }
    List<String> items = new ArrayList<>();
    for (String item : rule.getItems()) {
      if ("*".equals(item)) {
        items.addAll(tagged.getChips());
      } else if (mentionedLineage.contains(item) || tagged.getVendors().contains(item)) {
        items.add(item);
      }
    }
    Article article = tagged.getArticle();
    String text = article.getTitle() + "\n" + article.getSummary() + "\n" + article.getContent();
    List<String> keywords = new ArrayList<>();
    for (String keyword : rule.getKeywords()) {
      if (keywordPattern(keyword).matcher(text).find()) {
        keywords.add(keyword);
      }
    }
    if ((!rule.getVendors().isEmpty() && vendors.isEmpty())
        || (!rule.getItems().isEmpty() && items.isEmpty())
        || (!rule.getKeywords().isEmpty() && keywords.isEmpty())) {
      return null;
    }
    return new Match(vendors, items.stream().distinct().toList(), keywords,
        evidence(text, searchTerms(vendors, items, keywords)));
  }

  /** What to look for in the text: keywords as written, names as people write them ("H20"). */
  private List<Pattern> searchTerms(List<String> vendors, List<String> items, List<String> keywords) {
    List<Pattern> terms = new ArrayList<>();
    keywords.forEach(k -> terms.add(keywordPattern(k)));
    vendors.forEach(v -> terms.add(keywordPattern(DisplayNames.item(v))));
    for (String item : items) {
      String name = DisplayNames.item(item);
      int space = name.indexOf(' ');
      terms.add(keywordPattern(space < 0 ? name : name.substring(space + 1)));
    }
    return terms;
  }

  private static List<String> evidence(String text, List<Pattern> terms) {
    List<String> sentences = new ArrayList<>();
    for (String sentence : SENTENCE_END.split(text.replace('\n', ' '))) {
      if (sentences.size() == MAX_EVIDENCE) {
        break;
      }
      String trimmed = sentence.strip();
      if (!trimmed.isEmpty() && terms.stream().anyMatch(t -> t.matcher(trimmed).find())) {
        sentences.add(AlertTexts.shorten(trimmed, AlertTexts.MAX_QUOTED_CHARS));
      }
    }
    return sentences;
  }

  /** Whole words only, any case: "arm" must not match "harm". */
  private Pattern keywordPattern(String keyword) {
    if (patterns.size() > MAX_CACHED_PATTERNS) {
      patterns.clear();
    }
    return patterns.computeIfAbsent(keyword.toLowerCase(Locale.ROOT), k -> Pattern.compile(
        "(?<![\\p{L}\\p{N}])" + Pattern.quote(k) + "(?![\\p{L}\\p{N}])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
  }
}
