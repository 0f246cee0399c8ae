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
  /** A number and its scale, tried only where a number starts: "4.4 trillion", "590bn", "84B dollars". */
  private static final Pattern NUMBER = Pattern.compile(
      "(?<num>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s?-?"
          + "(?<unit>(?i:trillion|tn|tln|billion|bn|bln|million|mn|mln)|T|B|M)(?![\\w])"
          + "(?:\\s(?<cur2>(?i:(?:US |U\\.S\\. )?dollars?|(?:Taiwan|Hong Kong|Australian|Canadian|Singapore) dollars|yuan|renminbi|yen|euros?|won|pounds|rupees)))?");
  /** Each thread's matcher of {@link #NUMBER}, reset per sentence: sentences with sums are many. */
  private static final ThreadLocal<Matcher> NUMBER_MATCHER = ThreadLocal.withInitial(() -> NUMBER.matcher(""));
  /** Letters that may stand right before '$': "US$" is a dollar, "NT$" and "HK$" are not. */
  private static final java.util.Set<String> DOLLAR_PREFIXES = java.util.Set.of("", "US", "U.S.");

  boolean isUsd() {
    return !Double.isNaN(usd);
  }

  /** A cheap test before the pattern: only sentences with "$" or "dollars" can state a dollar sum. */
  static boolean mayContainDollars(String lower) {
    return lower.indexOf('$') >= 0 || lower.contains("dollar") || lower.contains("usd");
  }

  static List<MoneyAmount> find(String sentence) {
    List<MoneyAmount> out = new ArrayList<>();
    Matcher m = null;
    int n = sentence.length();
    boolean currencyWords = hasCurrencyWord(sentence);
    for (int i = 0; i < n; i++) {
      if (!Character.isDigit(sentence.charAt(i)) || (i > 0 && isNumberChar(sentence.charAt(i - 1)))) {
        continue;
      }
      Currency currency = currencyBefore(sentence, i);
      if (currency == null && !currencyWords) {
        continue; // neither a sign before it nor a currency word anywhere: a count, a year, a model number
      }
      if (m == null) {
        m = NUMBER_MATCHER.get().reset(sentence);
      }
      m.region(i, n);
      if (!m.lookingAt()) {
        continue;
      }
      String cur2 = m.group("cur2");
      if (currency == null && cur2 == null) {
        i = m.end() - 1;
        continue; // "5 billion parameters": not money
      }
      String plainDollars = cur2 == null ? null : cur2.toLowerCase().replace("u.s. ", "").replace("us ", "").replace("dollar", "dollars").replace("dollarss", "dollars");
      boolean usd = currency != null
          ? currency.usd() && (cur2 == null || "dollars".equals(plainDollars))
          : "dollars".equals(plainDollars);
      double value = Double.parseDouble(m.group("num").replace(",", "")) * scale(m.group("unit"));
      out.add(new MoneyAmount(currency == null ? i : currency.start(), m.end(), usd ? value : Double.NaN));
      i = m.end() - 1;
    }
    return localDollarsBeforeUsDollars(sentence, out);
  }

  /**
   * "$5 trillion ($US3.3 trillion)": where a bare dollar sum is followed by one marked US, the bare
   * one is local dollars (Australian, Canadian...), not a US dollar sum.
   */
  private static List<MoneyAmount> localDollarsBeforeUsDollars(String sentence, List<MoneyAmount> found) {
    for (int k = 0; k + 1 < found.size(); k++) {
      MoneyAmount a = found.get(k);
      MoneyAmount b = found.get(k + 1);
      String between = sentence.substring(a.end(), b.start());
      if (a.isUsd() && sentence.charAt(a.start()) == '$' && between.strip().equals("(") && markedUs(sentence, b.start())) {
        found.set(k, new MoneyAmount(a.start(), a.end(), Double.NaN));
      }
    }
    return found;
  }

  static boolean markedUs(String sentence, int start) {
    return sentence.startsWith("$US", start) || sentence.startsWith("US$", start) || sentence.startsWith("USD", start)
        || sentence.startsWith("U.S.$", start);
  }

  private static final List<String> CURRENCY_WORDS = List.of("dollar", "yuan", "renminbi", "yen", "euro", "won", "pounds", "rupees");

  /** Whether a currency word the number pattern may take after a sum occurs at all (in any case). */
  private static boolean hasCurrencyWord(String sentence) {
    String lower = sentence.toLowerCase(java.util.Locale.ROOT);
    for (String w : CURRENCY_WORDS) {
      if (lower.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNumberChar(char c) {
    return Character.isDigit(c) || c == '.' || c == ',';
  }

  /** A currency sign before a number, with where it starts. */
  private record Currency(int start, boolean usd) {}

  private static Currency currencyBefore(String sentence, int numberStart) {
    int i = numberStart - 1;
    if (i >= 0 && sentence.charAt(i) == ' ') i--;
    if (i < 0) {
      return null;
    }
    // "$US3.3 trillion" (Australian usage), "USD 3.3 trillion"
    if (i >= 2 && sentence.startsWith("$US", i - 2)) {
      return new Currency(i - 2, true);
    }
    if (i >= 2 && sentence.startsWith("USD", i - 2) && (i == 2 || !Character.isLetter(sentence.charAt(i - 3)))) {
      return new Currency(i - 2, true);
    }
    char c = sentence.charAt(i);
    if (c == '€' || c == '£' || c == '¥') {
      return new Currency(i, false);
    }
    if (c != '$') {
      return null;
    }
    int p = i;
    while (p > 0 && (Character.isUpperCase(sentence.charAt(p - 1)) || sentence.charAt(p - 1) == '.') && i - p < 4) p--;
    return new Currency(p, DOLLAR_PREFIXES.contains(sentence.substring(p, i)));
  }

  private static double scale(String unit) {
    return switch (unit.toLowerCase()) {
      case "trillion", "tn", "tln", "t" -> 1e12;
      case "billion", "bn", "bln", "b" -> 1e9;
      default -> 1e6;
    };
  }
}
