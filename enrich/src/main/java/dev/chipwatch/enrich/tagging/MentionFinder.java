package dev.chipwatch.enrich.tagging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds taxonomy names in text: whole words only, each alias with its own case rule, the longest
 * name winning where names overlap ("GB200" over "B200", "Grace Hopper" over "Hopper", "Vera Rubin"
 * over "Rubin"), then context rules for names that are also ordinary words or people.
 */
final class MentionFinder {
  /** Capitalised words that may stand before a chip family name without making it a person's name. */
  private static final Set<String> NOT_FIRST_NAMES = Set.copyOf(List.of(
      "the", "a", "an", "its", "their", "his", "her", "our", "new", "next", "latest", "first", "current",
      "upcoming", "both", "all", "more", "most", "whose", "this", "that", "these", "those", "with", "for",
      "and", "of", "in", "on", "as", "by", "from", "to", "after", "before", "while", "when", "unlike", "like",
      "china", "chinese", "us", "nvidia", "nvidia's", "gb", "hgx", "dgx", "rtx", "pro", "ultra", "grace",
      "but", "even", "only", "older", "previous", "such", "each", "every", "if", "since", "than", "without",
      "including", "called", "dubbed", "named", "said", "says", "chips", "chip", "gpu", "gpus", "ai", "h20",
      "during", "under", "about", "at", "into", "over", "via", "whether", "or", "nor", "so", "yet", "then",
      "meanwhile", "however", "also", "today", "now", "china-specific"));
  private static final Set<String> PERSON_TITLES = Set.of("mr", "ms", "mrs", "dr", "prof", "professor", "analyst", "admiral");
  private static final Set<String> SPEECH_VERBS = Set.of(
      "said", "says", "told", "tells", "added", "adds", "wrote", "writes", "argued", "argues", "noted",
      "notes", "explained", "believes", "thinks", "warned", "cautioned", "who");
  private static final Set<String> PLACE_WORDS = Set.of("in", "at", "near", "outside", "around", "visiting", "visited");

  private final Alias[] aliases;

  MentionFinder(List<Alias> aliases) {
    this.aliases = aliases.toArray(new Alias[0]);
  }

  /** The texts to look for, in alias order: pattern {@code i} of a scan is alias {@code i}. */
  List<String> patterns() {
    return java.util.Arrays.stream(aliases).map(Alias::text).toList();
  }

  /** Keeps a scan hit of alias {@code pattern} ending at {@code end} if it stands as a whole word in the right case. */
  void collect(String text, int pattern, int end, List<Mention> candidates) {
    Alias alias = aliases[pattern];
    int start = end - alias.text().length();
    int stop = acceptedEnd(text, alias, start, end);
    if (stop >= 0 && caseMatches(text, alias, start, end)) {
      candidates.add(new Mention(start, stop, alias));
    }
  }

  /**
   * The mentions among a text's candidates, in order: the longest where they overlap, without
   * people and places. Adds to {@code people} each family name seen used for a person ("Edward
   * Hopper"), so that the caller can drop later bare uses in the same article.
   *
   * @param titleCase the text is a headline in title case, where every word is capitalised
   */
  List<Mention> resolve(String text, List<Mention> candidates, boolean titleCase, Set<String> people) {
    candidates.sort(Comparator.comparingInt(Mention::start)
        .thenComparing(Comparator.comparingInt((Mention m) -> m.end() - m.start()).reversed()));
    List<Mention> chosen = new ArrayList<>();
    int covered = 0;
    for (Mention m : candidates) {
      if (m.start() >= covered) {
        chosen.add(m);
        covered = m.end();
      }
    }
    List<Mention> out = new ArrayList<>(chosen.size());
    for (Mention m : chosen) {
      if (m.alias().surname() && isPersonName(text, m, titleCase)) {
        people.add(m.alias().text());
        continue;
      }
      if (m.kind() == AliasKind.CAPITAL && isPlace(text, m)) {
        continue;
      }
      out.add(m);
    }
    return out;
  }

  /** The end of the mention if it stands as a whole word, else -1. Chips may take a plural "s". */
  private static int acceptedEnd(String text, Alias alias, int start, int end) {
    String a = alias.text();
    if (Chars.isWordChar(a.charAt(0)) && start > 0 && isWordChar(text.charAt(start - 1))) {
      return -1;
    }
    if (!Chars.isWordChar(a.charAt(a.length() - 1)) || end >= text.length() || !isWordChar(text.charAt(end))) {
      return end;
    }
    boolean plural = alias.kind() == AliasKind.CHIP && text.charAt(end) == 's'
        && (end + 1 >= text.length() || !isWordChar(text.charAt(end + 1)));
    return plural ? end + 1 : -1;
  }

  private static boolean isWordChar(char c) {
    return Chars.isWordChar(c);
  }

  /** Exact-case aliases match as written, or in all capitals (headlines) when longer than three letters. */
  private static boolean caseMatches(String text, Alias alias, int start, int end) {
    if (!alias.exactCase()) {
      return true;
    }
    String a = alias.text();
    if (end - start == a.length() && sameChars(text, start, a)) {
      return true;
    }
    if (a.length() <= 3) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (Character.isLowerCase(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameChars(String text, int start, String alias) {
    for (int i = 0; i < alias.length(); i++) {
      if (text.charAt(start + i) != alias.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** "Dana Blackwell", "Mr Blackwell", "Blackwell said": a person, not the chips. */
  private static boolean isPersonName(String text, Mention m, boolean titleCase) {
    String before = wordBefore(text, m.start());
    String beforeLower = before.toLowerCase(Locale.ROOT);
    if (PERSON_TITLES.contains(beforeLower.replace(".", ""))) {
      return true;
    }
    if (before.length() == 2 && Character.isUpperCase(before.charAt(0)) && before.charAt(1) == '.') {
      return true; // a middle initial: "Vera C. Rubin"
    }
    if (!titleCase && before.length() > 1 && Character.isUpperCase(before.charAt(0))
        && before.chars().skip(1).allMatch(Character::isLowerCase) && !NOT_FIRST_NAMES.contains(beforeLower)) {
      return true;
    }
    String after = wordAfter(text, m.end());
    return SPEECH_VERBS.contains(after.toLowerCase(Locale.ROOT)) && !text.startsWith("'", m.end());
  }

  /** Words after a family name that make it the chips even in an article about a person of that name. */
  private static final Set<String> CHIP_CONTEXT = Set.of(
      "chip", "chips", "gpu", "gpus", "processor", "processors", "architecture", "generation", "platform", "system",
      "systems", "accelerator", "accelerators", "superchip", "superchips", "ultra", "series", "family", "products");

  /** A bare family name in an article that has used it for a person: the person again, unless chip words follow. */
  static boolean isPersonAgain(String text, Mention m, Set<String> people) {
    if (!m.alias().surname() || !people.contains(m.alias().text())) {
      return false;
    }
    String after = wordAfter(text, m.end()).toLowerCase(Locale.ROOT);
    String before = wordBefore(text, m.start()).toLowerCase(Locale.ROOT);
    return !CHIP_CONTEXT.contains(after) && !text.startsWith("-based", m.end())
        && !before.equals("nvidia") && !before.equals("nvidia's");
  }

  /** "a conference in Taipei", "Beijing-based": the city, not the government. */
  private static boolean isPlace(String text, Mention m) {
    if (text.startsWith("-based", m.end())) {
      return true;
    }
    return PLACE_WORDS.contains(wordBefore(text, m.start()).toLowerCase(Locale.ROOT));
  }

  /** The word just before offset, with no punctuation between (else ""). */
  static String wordBefore(String text, int offset) {
    int i = offset - 1;
    while (i >= 0 && text.charAt(i) == ' ') i--;
    int end = i + 1;
    while (i >= 0 && (Chars.isWordChar(text.charAt(i)) || text.charAt(i) == '.' || text.charAt(i) == '\'')) i--;
    return end - (i + 1) > 0 && end < offset ? text.substring(i + 1, end) : "";
  }

  /** The word just after offset, skipping spaces only. */
  static String wordAfter(String text, int offset) {
    int i = offset;
    while (i < text.length() && text.charAt(i) == ' ') i++;
    int start = i;
    while (i < text.length() && Chars.isWordChar(text.charAt(i))) i++;
    return text.substring(start, i);
  }
}
