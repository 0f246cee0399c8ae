package dev.chipwatch.enrich.tagging;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Who acts (the government) and where the items go, from the countries a sentence names. */
final class PlaceFinder {
  /** Words before a country that make it the place of something, not an actor. */
  private static final Set<String> PLACE_PREPOSITIONS = Set.of(
      "to", "into", "from", "for", "against", "on", "with", "in", "of", "toward", "towards", "at", "than", "by",
      "over", "including", "and", "between", "across", "within", "outside");
  /** Words before a country that make it where goods go. */
  private static final Set<String> DIRECTION = Set.of("to", "into", "toward", "towards");
  private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "approved", "certain", "some", "any", "its", "their");
  /** Words after a country adjective that make it about buyers, not a government. */
  private static final Set<String> BUYERS = Set.of(
      "customers", "companies", "firms", "buyers", "clients", "users", "developers", "groups", "makers", "chipmakers",
      "tech", "technology", "market", "rivals", "rival", "start-ups", "startups", "businesses", "cloud", "data");
  /** Words after a country adjective that make it the government: "Chinese authorities". */
  private static final Set<String> GOVERNMENT = Set.of(
      "authorities", "government", "officials", "regulators", "regulator", "ministry", "commerce", "president",
      "leader", "leaders", "customs", "agencies", "agency", "state", "administration", "lawmakers", "cabinet",
      "premier", "minister", "watchdog", "embassy", "side");

  private static final java.util.regex.Pattern COUNTRY_LIST_GLUE =
      java.util.regex.Pattern.compile("(?:'s? [\\w&.-]+(?: [\\w&.-]+)?| (?:ai |chip |tech |state-backed |state )?(?:firm|company|group|operator|developer|start-?up) [\\w&.-]+)?"
          + "(?: \\([^)]{0,40}\\))?(?:,? and (?:the )?|, (?:the )?| or (?:the )?|,? including (?:the )?)");

  private static final Set<String> COMPANY_NOUNS = Set.of("business", "company", "firm", "chipmaker", "group", "giant", "maker",
      "supplier", "manufacturer", "conglomerate", "corporation");
  private static final Set<String> NOT_A_PLACE_AFTER = Set.of(
      "rules", "rule", "controls", "restrictions", "curbs", "law", "laws", "regulations", "regulators", "regulator",
      "sanctions", "pressure", "authorities", "government", "officials", "ministry", "lawmakers", "administration");

  /** What may stand between a country and its list: "US entity list", "Taiwan's export control list". */
  private static final java.util.regex.Pattern LIST_OWNER_GLUE =
      java.util.regex.Pattern.compile("(?:'s)?(?: (?:own|entity|entities|export|control|trade|unreliable))* (?:black)?");

  private final Taxonomy taxonomy;

  PlaceFinder(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  static boolean isCountry(Mention m) {
    return m.kind() == AliasKind.COUNTRY || m.kind() == AliasKind.CAPITAL;
  }

  /** The country whose government acts: the first country, capital or government body named as a subject before the trigger. */
  String actor(Sentence s, int triggerStart) {
    for (Mention c : s.mentions()) {
      if (c.start() >= triggerStart) {
        break;
      }
      if (c.kind() == AliasKind.GOV_BODY) {
        return c.target();
      }
      if (isCountry(c) && !isDateline(s, c) && !isBuyersHome(s, c)) {
        String before = MentionFinder.wordBefore(s.lower(), c.start());
        String after = MentionFinder.wordAfter(s.lower(), c.end());
        boolean governs = !c.alias().adjective() || GOVERNMENT.contains(after);
        if (governs && !PLACE_PREPOSITIONS.contains(before) && !BUYERS.contains(after)) {
          return c.target();
        }
      }
    }
    for (Mention c : s.mentions()) {
      if (c.kind() == AliasKind.GOV_BODY) {
        return c.target();
      }
    }
    // "KUALA LUMPUR: The trade ministry has introduced ...": the ministry of the place the story is filed from
    for (Mention c : s.mentions()) {
      if (c.start() < triggerStart && isDateline(s, c) && s.cues().any(Cue.GOVERNMENT, c.end(), triggerStart)) {
        return c.target();
      }
    }
    return null;
  }

  /**
   * The country whose blacklist it is: the one named right before the list ("the US entity list",
   * "Taiwan's export control list"), else the acting government before the trigger.
   */
  String lister(Sentence s, TriggerLexicon.Match m) {
    String lower = s.lower();
    int list = Math.max(lower.indexOf("list", m.start()), -1);
    if (list >= 0 && list < m.end() + 20) {
      for (Mention c : s.mentions()) {
        if (isCountry(c) && c.end() <= list && LIST_OWNER_GLUE.matcher(lower.substring(c.end(), list)).matches()) {
          return c.target();
        }
      }
    }
    return actor(s, m.start());
  }

  /**
   * Where the items go: the countries the sentence sends them "to" ("to Russia and Belarus"), else every
   * country it names other than the exporter; else the home of a company they go to ("to Huawei").
   */
  /** "the UAE's G42", "Saudi Arabia's Humain": a company of that country, not its government. */
  private static boolean isBuyersHome(Sentence s, Mention c) {
    String text = s.text();
    if (!text.startsWith("'s ", c.end()) || c.end() + 3 >= text.length()) {
      return false;
    }
    String next = MentionFinder.wordAfter(s.lower(), c.end() + 3);
    return Character.isUpperCase(text.charAt(c.end() + 3)) && !GOVERNMENT.contains(next);
  }

  /** "Beijing: US tech giant Nvidia ...", "BEIJING - China will ...": where the story was filed, not who acts. */
  private static boolean isDateline(Sentence s, Mention c) {
    String lower = s.lower();
    int i = c.end();
    while (i < lower.length() && lower.charAt(i) == ' ') i++;
    if (i >= lower.length()) {
      return false;
    }
    char next = lower.charAt(i);
    if (c.kind() == AliasKind.CAPITAL && c.start() <= 2 && DATELINE_DATE.matcher(lower).region(i, lower.length()).lookingAt()) {
      return true; // "KUALA LUMPUR, July 14 - The ministry ..."
    }
    return next == ':' || ((next == '-' || next == '\u2013' || next == '\u2014') && c.kind() == AliasKind.CAPITAL);
  }

  List<String> destinations(Sentence s, String exporter) {
    Set<String> directed = new LinkedHashSet<>();
    Set<String> others = new LinkedHashSet<>();
    Mention previous = null;
    boolean previousDirected = false;
    for (Mention c : s.mentions()) {
      if (!isCountry(c) || isDateline(s, c)) {
        continue;
      }
      boolean isDirected = isDirected(s, c) || (previousDirected && joined(s, previous, c));
      // "a decision that mainly affects Dutch business ASML": a company's home, not where goods go
      boolean companyHome = !isDirected && COMPANY_NOUNS.contains(MentionFinder.wordAfter(s.lower(), c.end()));
      if (!c.target().equals(exporter) && !isOrigin(s, c) && !isSource(s, c) && !companyHome) {
        (isDirected ? directed : others).add(c.target());
      }
      previous = c;
      previousDirected = isDirected;
    }
    if (!directed.isEmpty()) {
      return List.copyOf(directed);
    }
    if (!others.isEmpty()) {
      return List.copyOf(others);
    }
    for (Mention v : s.mentions()) {
      if (v.kind() == AliasKind.VENDOR && DIRECTION.contains(MentionFinder.wordBefore(s.lower(), v.start()))) {
        String home = taxonomy.vendor(v.target()).map(Taxonomy.Vendor::country).orElse(null);
        if (home != null && !home.equals(exporter)) {
          return List.of(home);
        }
      }
    }
    return List.of();
  }

  /** Countries named other than the acting one. */
  List<String> countries(Sentence s, String actor) {
    Set<String> out = new LinkedHashSet<>();
    for (Mention c : s.mentions()) {
      if (isCountry(c) && !c.target().equals(actor)) {
        out.add(c.target());
      }
    }
    return List.copyOf(out);
  }

  /** Countries the sentence sends goods "to", for materials curbs (none means all countries). */
  List<String> directedOnly(Sentence s, String exporter) {
    Set<String> out = new LinkedHashSet<>();
    Mention previous = null;
    boolean previousDirected = false;
    for (Mention c : s.mentions()) {
      if (!isCountry(c)) {
        continue;
      }
      boolean isDirected = isDirected(s, c) || (previousDirected && joined(s, previous, c));
      if (isDirected && !c.target().equals(exporter)) {
        out.add(c.target());
      }
      previous = c;
      previousDirected = isDirected;
    }
    return List.copyOf(out);
  }

  private static boolean isDirected(Sentence s, Mention c) {
    // "to dozens of additional countries, including Saudi Arabia"
    String previous = MentionFinder.wordBefore(s.lower(), c.start());
    if ((previous.equals("including") || previous.equals("as"))
        && s.cues().any(Cue.UNNAMED_COUNTRIES, Math.max(0, c.start() - 60), c.start())) {
      return true;
    }
    int at = c.start();
    for (int n = 0; n < 3; n++) {
      String w = MentionFinder.wordBefore(s.lower(), at).toLowerCase(Locale.ROOT);
      if (DIRECTION.contains(w)) {
        return true;
      }
      if (!DETERMINERS.contains(w)) {
        return false;
      }
      at = s.lower().lastIndexOf(w, at - 1);
    }
    return false;
  }

  /** "Russia and Belarus", "China, Russia". */
  private static boolean joined(Sentence s, Mention a, Mention b) {
    String between = s.lower().substring(a.end(), b.start());
    return COUNTRY_LIST_GLUE.matcher(between).matches();
  }

  /** "..., South Korea's presidential office said": the country speaks, it is not where goods go. */
  private static boolean isSource(Sentence s, Mention c) {
    int end = Modality.clauseEnd(s.lower(), c.end());
    Cues.Hit speech = s.cues().first(Cue.SPEECH, c.end(), end);
    if (speech == null) {
      return false;
    }
    int words = 0;
    for (int i = c.end(); i < speech.start(); i++) {
      if (s.lower().charAt(i) == ' ') words++;
    }
    return words <= 4;
  }

  /** "Chinese-origin", "Chinese approval": the exporter's own country, not a destination. */
  private static boolean isOrigin(Sentence s, Mention c) {
    String after = s.lower().substring(c.end());
    if (NOT_A_PLACE_AFTER.contains(MentionFinder.wordAfter(s.lower(), c.end()))) {
      return true; // "US rules", "Chinese authorities": the country's rules or government, not a destination
    }
    if (after.startsWith("-origin") || after.startsWith("-made") || after.startsWith(" approval") || after.startsWith(" origin")) {
      return true;
    }
    // "chips made in the US", "technology originating from the United States": where goods come from
    return MADE_IN_BEFORE.matcher(s.lower()).region(Math.max(0, c.start() - 30), c.start()).find();
  }

  private static final java.util.regex.Pattern DATELINE_DATE = java.util.regex.Pattern.compile(
      ", (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.? \\d{1,2}(?:, \\d{4})? ?[-\u2013\u2014:(]");
  private static final java.util.regex.Pattern MADE_IN_BEFORE = java.util.regex.Pattern.compile(
      "\\b(?:made|manufactured|produced|designed|built) in (?:the )?$|\\b(?:originat\\w*|sourced|coming) from (?:the )?$");

  /** Countries named in a sentence other than the US: where a later "there" points. */
  static List<String> foreignCountries(Sentence s) {
    if (s.mentions().isEmpty()) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (Mention c : s.mentions()) {
      if (isCountry(c) && !c.target().equals("US")) {
        out.add(c.target());
      }
    }
    return List.copyOf(out);
  }
}
