package dev.chipwatch.enrich.tagging;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sum of money written in a sentence: "$4tn", "$3.9 trillion", "4 trillion dollars",
 * "US$84bn", "600 billion yuan". Only US dollar sums have a value in {@link #usd}.
 *
 * @param start offset in the sentence where the sum starts
 * @param end offset just after it
 * @param usd the value in US dollars, or NaN for another currency
 */
record MoneyAmount(int start, int end, double usd) {
  private static final Pattern AMOUNT = Pattern.compile(
      "(?:(?<cur>(?:US|U\\.S\\.|HK|NT|A|C|S|NZ)?\\$|€|£|¥)\\s?)?"
          + "(?<num>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s?-?"
          + "(?<unit>(?i:trillion|tn|tln|billion|bn|bln|million|mn|mln)|T|B|M)(?![\\w])"
          + "(?:\\s(?<cur2>(?i:(?:US |U\\.S\\. )?dollars|(?:Taiwan|Hong Kong|Australian|Canadian|Singapore) dollars|yuan|renminbi|yen|euros?|won|pounds|rupees)))?");

  boolean isUsd() {
    return !Double.isNaN(usd);
  }

  /** A cheap test before the pattern: only sentences with "$" or "dollars" can state a dollar sum. */
  static boolean mayContainDollars(String lower) {
    return lower.indexOf('$') >= 0 || lower.contains("dollar");
  }

  static List<MoneyAmount> find(String sentence) {
    List<MoneyAmount> out = new ArrayList<>();
    Matcher m = AMOUNT.matcher(sentence);
    while (m.find()) {
      String cur = m.group("cur");
      String cur2 = m.group("cur2");
      if (cur == null && cur2 == null) {
        continue; // "5 billion parameters": not money
      }
      String plainDollars = cur2 == null ? null : cur2.toLowerCase().replace("u.s. ", "").replace("us ", "");
      boolean usd = cur != null
          ? (cur.equals("$") || cur.equals("US$") || cur.equals("U.S.$")) && (cur2 == null || "dollars".equals(plainDollars))
          : "dollars".equals(plainDollars);
      double value = Double.parseDouble(m.group("num").replace(",", "")) * scale(m.group("unit"));
      out.add(new MoneyAmount(m.start(), m.end(), usd ? value : Double.NaN));
    }
    return out;
  }

  private static double scale(String unit) {
    return switch (unit.toLowerCase()) {
      case "trillion", "tn", "tln", "t" -> 1e12;
      case "billion", "bn", "bln", "b" -> 1e9;
      default -> 1e6;
    };
  }
}
