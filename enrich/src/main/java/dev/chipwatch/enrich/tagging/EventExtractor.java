package dev.chipwatch.enrich.tagging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the government actions an article reports as news: per sentence, a trigger phrase, its
 * modality (decided, not hedged, not background), the items it covers and the destination(s), one
 * event per destination. Events of the same kind and destination are merged across sentences.
 */
final class EventExtractor {
  /** Accept an event at or above this confidence. */
  static final double THRESHOLD = 0.5;

  /** "neither expects licences to be granted", "presumption of denial": a licence rule that is a ban. */
  private static final Pattern DENIAL_BY_DEFAULT = Pattern.compile(
      "presumption of denial|de facto ban|(?:generally|likely to|would|will|expected to) be (?:refused|denied|rejected)|"
          + "(?:neither|no one|nobody|not)\\b.{0,40}\\bexpects? (?:any )?" + "licen[cs]es to be (?:granted|issued|approved)|"
          + "amounts? to an? (?:de facto |outright |effective )?ban|effectively (?:an? )?ban|no licen[cs]es (?:are|will be) (?:expected|granted|issued)");
  /** Chips named after these words are compared with, not covered by, the action. */
  private static final Set<String> OUT_OF_SCOPE = Set.of(
      "than", "unlike", "compared", "rival", "rivals", "alternative", "alternatives", "instead", "rather",
      "replace", "replacing", "replacement", "replacements", "domestic", "homegrown", "local", "substitutes", "substitute");
  /** Bare product nouns: next to a vendor, an action on "Nvidia's chips" in general. */
  private static final Set<String> PRODUCT_NOUNS = Set.of(
      "chips", "chip", "processors", "processor", "gpus", "gpu", "accelerators", "accelerator", "products",
      "semiconductors", "hardware");
  /** Words that narrow a product noun to unnamed particular products. */
  private static final Set<String> NARROWING = Set.of("certain", "some", "specific", "particular", "older", "such", "those", "these", "other");
  /** Words past which a vendor is no longer tied to a product noun ahead of it. */
  private static final Set<String> VENDOR_SCOPE_BREAK = Set.of(
      "shares", "stock", "said", "says", "fell", "rose", "after", "before", "because", "as", "while", "which",
      "who", "that", "when", "but", "although", "though", "expects", "expected", "reported", "told", "has", "have", "had", "is", "was");
  private static final Set<String> SPEECH = Set.of(
      "said", "says", "told", "tells", "expects", "expected", "reported", "reports", "announced", "announces",
      "confirmed", "confirms", "added", "warned", "estimated", "estimates", "declined", "disclosed", "stated");
  /** Words before a country that make it the place of something, not an actor. */
  private static final Set<String> PLACE_PREPOSITIONS = Set.of(
      "to", "into", "from", "for", "against", "on", "with", "in", "of", "toward", "towards", "at", "than", "by",
      "over", "including", "and", "between", "across", "within", "outside");
  /** Words after a country adjective that make it about buyers, not a government. */
  private static final Set<String> BUYERS = Set.of(
      "customers", "companies", "firms", "buyers", "clients", "users", "developers", "groups", "makers", "chipmakers",
      "tech", "technology", "market", "rivals", "rival", "start-ups", "startups", "businesses", "cloud", "data");
  /** Words after a country adjective that make it the government: "Chinese authorities". */
  private static final Set<String> GOVERNMENT = Set.of(
      "authorities", "government", "officials", "regulators", "regulator", "ministry", "commerce", "president",
      "leader", "leaders", "customs", "agencies", "agency", "state", "administration", "lawmakers", "cabinet",
      "premier", "minister", "watchdog", "embassy", "side");
  private static final Pattern ANAPHOR = Pattern.compile(
      "\\b(?:both chips|the chips?|these chips|such chips|those chips|the parts?|these parts|the processors?|the products?|"
          + "both products|both processors|them|it|the two)\\b");

  private final Taxonomy taxonomy;

  EventExtractor(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  String vendorOf(String chipId) {
    return taxonomy.vendorOf(chipId).orElseThrow();
  }

  private record Candidate(EventKind kind, List<String> items, String destination, String evidence, double confidence) {}

  /** What earlier sentences of the article said, for sentences that say "there" or "both chips". */
  private static final class Context {
    List<String> titleChips = List.of();
    List<String> lastChips = List.of();
    List<String> lastDestinations = List.of();
  }

  List<PolicyAction> extract(List<Sentence> sentences, Instant published) {
    boolean denialByDefault = false;
    for (Sentence s : sentences) {
      if (DENIAL_BY_DEFAULT.matcher(s.lower()).find()) {
        denialByDefault = true;
        break;
      }
    }
    Context ctx = new Context();
    List<Candidate> candidates = new ArrayList<>();
    for (Sentence s : sentences) {
      List<String> chips = chipsIn(s);
      if (s.inTitle() && ctx.titleChips.isEmpty()) {
        ctx.titleChips = chips;
      }
      sentenceEvents(s, chips, published, ctx, candidates);
      if (!chips.isEmpty()) {
        ctx.lastChips = chips;
      }
      List<String> places = foreignCountries(s);
      if (!places.isEmpty()) {
        ctx.lastDestinations = places;
      }
    }
    return merge(candidates, denialByDefault);
  }

  private void sentenceEvents(Sentence s, List<String> chips, Instant published, Context ctx, List<Candidate> out) {
    List<TriggerLexicon.Match> matches = new ArrayList<>(TriggerLexicon.find(s.lower()));
    List<String> materials = materialsIn(s);
    if (!materials.isEmpty() && chips.isEmpty()) {
      materialsEvent(s, materials, published).ifPresent(out::add);
      return;
    }
    if (matches.isEmpty()) {
      return;
    }
    boolean entityList = matches.stream().anyMatch(m -> m.kind() == EventKind.ENTITY_LIST);
    boolean exportContext = TriggerLexicon.EXPORT_CONTEXT.matcher(s.lower()).find();
    Set<EventKind> done = new java.util.HashSet<>();
    for (TriggerLexicon.Match m : matches) {
      Trigger t = m.trigger();
      if ((t.consequence() && entityList) || (t.needsExportContext() && !exportContext)) {
        continue;
      }
      double confidence = t.base();
      if (Modality.hedged(s.lower(), m.start(), m.end())) confidence *= 0.25;
      if (Modality.negated(s.lower(), m.start())) confidence *= 0.2;
      if (Modality.background(s.text(), s.lower(), m, published)) confidence *= 0.3;
      if (confidence < THRESHOLD || !done.add(m.kind())) {
        continue;
      }
      String actor = actor(s, m);
      List<String> items = items(s, m, chips, actor, ctx);
      if (t.needsItems() && items.isEmpty()) {
        done.remove(m.kind());
        continue;
      }
      for (String destination : destinations(s, m.kind(), actor, items, ctx)) {
        List<String> its = m.kind() == EventKind.ENTITY_LIST ? itemsFrom(items, destination) : items;
        out.add(new Candidate(m.kind(), its, destination, s.text(), confidence));
      }
    }
  }

  private java.util.Optional<Candidate> materialsEvent(Sentence s, List<String> materials, Instant published) {
    var m = MaterialsCurb.find(s.lower());
    if (m == null) {
      return java.util.Optional.empty();
    }
    double confidence = 0.85;
    if (Modality.hedged(s.lower(), m.start(), m.end())) confidence *= 0.25;
    if (Modality.negated(s.lower(), m.start())) confidence *= 0.2;
    if (Modality.background(s.text(), s.lower(), m, published)) confidence *= 0.3;
    if (confidence < THRESHOLD) {
      return java.util.Optional.empty();
    }
    String actor = actor(s, m);
    List<String> targets = new ArrayList<>();
    for (Mention c : s.mentions()) {
      if (isCountry(c) && !c.target().equals(actor) && !targets.contains(c.target()) && !isOrigin(s, c)) {
        targets.add(c.target());
      }
    }
    // one event per destination would need several candidates; the first named target is the usual case
    String destination = targets.isEmpty() ? "*" : targets.get(0);
    return java.util.Optional.of(new Candidate(EventKind.MATERIALS_EXPORT_BAN, materials, destination, s.text(), confidence));
  }

  /** "Chinese-origin", "Chinese approval": the exporter's own country, not a destination. */
  private static boolean isOrigin(Sentence s, Mention c) {
    String after = s.lower().substring(c.end());
    return after.startsWith("-origin") || after.startsWith("-made") || after.startsWith(" approval") || after.startsWith(" origin");
  }

  private static List<String> itemsFrom(List<String> items, String destination) {
    return items;
  }

  // ---- items

  private List<String> chipsIn(Sentence s) {
    Set<String> out = new LinkedHashSet<>();
    int outOfScopeFrom = Integer.MAX_VALUE;
    int clauseEnd = -1;
    for (Mention m : s.mentions()) {
      if (m.kind() != AliasKind.CHIP) {
        continue;
      }
      if (m.start() >= outOfScopeFrom && m.start() < clauseEnd) {
        continue;
      }
      int scope = outOfScopeStart(s.lower(), m.start());
      if (scope >= 0) {
        outOfScopeFrom = scope;
        clauseEnd = Modality.clauseEnd(s.lower(), m.start());
        continue;
      }
      out.add(m.target());
    }
    return List.copyOf(out);
  }

  /** Where an out-of-scope phrase ("alternatives such as", "than the") begins in this chip's clause, else -1. */
  private static int outOfScopeStart(String lower, int offset) {
    int from = Modality.clauseStart(lower, offset);
    String[] words = lower.substring(from, offset).split("[^a-z0-9'-]+");
    for (String w : words) {
      if (OUT_OF_SCOPE.contains(w)) {
        return from;
      }
    }
    return -1;
  }

  private static List<String> materialsIn(Sentence s) {
    Set<String> out = new LinkedHashSet<>();
    for (Mention m : s.mentions()) {
      if (m.kind() == AliasKind.MATERIAL) {
        out.add(m.target());
      }
    }
    return List.copyOf(out);
  }

  private List<String> items(Sentence s, TriggerLexicon.Match m, List<String> chips, String actor, Context ctx) {
    return switch (m.kind()) {
      case ENTITY_LIST -> listedCompanies(s, m, actor);
      case TARIFF -> chips;
      default -> {
        Set<String> out = new LinkedHashSet<>(vendorWide(s));
        out.addAll(chips);
        if (out.isEmpty() && ANAPHOR.matcher(s.lower()).find()) {
          out.addAll(!ctx.titleChips.isEmpty() ? ctx.titleChips : ctx.lastChips);
        }
        yield List.copyOf(out);
      }
    };
  }

  /** Companies added to a blacklist: the taxonomy vendors named, except the listing country's own. */
  private List<String> listedCompanies(Sentence s, TriggerLexicon.Match trigger, String actor) {
    Set<String> out = new LinkedHashSet<>();
    int from = s.lower().lastIndexOf(';', trigger.start()) + 1;
    int to = s.lower().indexOf(';', trigger.end());
    to = to < 0 ? s.lower().length() : to;
    for (Mention m : s.mentions()) {
      if (m.kind() == AliasKind.VENDOR && !isSpeaker(s, m) && m.start() >= from && m.end() <= to) {
        String home = taxonomy.vendor(m.target()).map(Taxonomy.Vendor::country).orElse(null);
        if (home == null || !home.equals(actor == null ? "US" : actor)) {
          out.add(m.target());
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * Vendors whose products in general the action covers: "Nvidia's advanced chips", "chips from Nvidia
   * and AMD", "stop Nvidia and AMD from selling their most advanced AI chips". A vendor named only as
   * the speaker, or only next to a chip model ("Nvidia's H20"), is not one.
   */
  private List<String> vendorWide(Sentence s) {
    List<Mention> ms = s.mentions();
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < ms.size()) {
      if (ms.get(i).kind() != AliasKind.VENDOR) {
        i++;
        continue;
      }
      // a group of vendors joined by "and", "or", ","
      int j = i;
      while (j + 1 < ms.size() && ms.get(j + 1).kind() == AliasKind.VENDOR
          && s.lower().substring(ms.get(j).end(), ms.get(j + 1).start()).matches("(?:'s)?(?:,? and |, | or | & |,)")) {
        j++;
      }
      Mention first = ms.get(i);
      Mention last = ms.get(j);
      if (!isSpeaker(s, last) && (productNounAfter(s, last.end()) || productNounBefore(s, first.start()))) {
        for (int k = i; k <= j; k++) {
          if (!out.contains(ms.get(k).target())) {
            out.add(ms.get(k).target());
          }
        }
      }
      i = j + 1;
    }
    return out;
  }

  private boolean isSpeaker(Sentence s, Mention m) {
    String next = MentionFinder.wordAfter(s.lower(), m.end());
    if (SPEECH.contains(next)) {
      return true;
    }
    // "AMD said on Wednesday", "Nvidia, which ..., said"
    return false;
  }

  private boolean productNounAfter(Sentence s, int offset) {
    List<int[]> words = words(s.lower(), offset, 10);
    String prev = "";
    String prev2 = "";
    for (int[] w : words) {
      if (w[0] < 0) {
        return false; // punctuation ends the phrase
      }
      if (chipAt(s, w[0])) {
        return false;
      }
      String word = s.lower().substring(w[0], w[1]);
      if (VENDOR_SCOPE_BREAK.contains(word)) {
        return false;
      }
      if (PRODUCT_NOUNS.contains(word)) {
        return !NARROWING.contains(prev) && !NARROWING.contains(prev2);
      }
      prev2 = prev;
      prev = word;
    }
    return false;
  }

  /** "chips from Nvidia", "processors made by AMD". */
  private boolean productNounBefore(Sentence s, int offset) {
    String before = s.lower().substring(Math.max(0, offset - 60), offset);
    var m = Pattern.compile("\\b(\\w+) (?:[\\w-]+ ){0,2}(?:from|by|made by|designed by|produced by) (?:the likes of )?$").matcher(before);
    if (!m.find()) {
      return false;
    }
    String[] ws = before.substring(m.start()).trim().split(" ");
    for (String w : ws) {
      if (PRODUCT_NOUNS.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static boolean chipAt(Sentence s, int offset) {
    for (Mention m : s.mentions()) {
      if (m.kind() == AliasKind.CHIP && m.start() <= offset && offset < m.end()) {
        return true;
      }
    }
    return false;
  }

  /** Up to n words after offset as [start, end]; punctuation other than "'" and "-" as [-1, -1]. */
  private static List<int[]> words(String lower, int offset, int n) {
    List<int[]> out = new ArrayList<>();
    int i = offset;
    // skip a possessive right after the name
    if (lower.startsWith("'s", i)) i += 2;
    while (i < lower.length() && out.size() < n) {
      char c = lower.charAt(i);
      if (c == ' ') {
        i++;
      } else if (Character.isLetterOrDigit(c)) {
        int st = i;
        while (i < lower.length() && (Character.isLetterOrDigit(lower.charAt(i)) || lower.charAt(i) == '-' || lower.charAt(i) == '\'')) i++;
        String w = lower.substring(st, i);
        out.add(new int[] {st, w.endsWith("'s") ? i - 2 : i});
      } else {
        out.add(new int[] {-1, -1});
        i++;
      }
    }
    return out;
  }

  // ---- who acts, and where the items go

  /** The country whose government acts: the first country, capital or government body named before the trigger as a subject. */
  private String actor(Sentence s, TriggerLexicon.Match m) {
    for (Mention c : s.mentions()) {
      if (c.start() >= m.start()) {
        break;
      }
      if (c.kind() == AliasKind.GOV_BODY) {
        return c.target();
      }
      if (isCountry(c)) {
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
    return null;
  }

  private static boolean isCountry(Mention m) {
    return m.kind() == AliasKind.COUNTRY || m.kind() == AliasKind.CAPITAL;
  }

  private List<String> destinations(Sentence s, EventKind kind, String actor, List<String> items, Context ctx) {
    switch (kind) {
      case IMPORT_RESTRICTION -> {
        if (actor != null) return List.of(actor);
        for (Mention c : s.mentions()) if (isCountry(c)) return List.of(c.target());
        return ctx.lastDestinations.isEmpty() ? List.of() : List.of(ctx.lastDestinations.get(0));
      }
      case TARIFF -> {
        return List.of(actor == null ? "US" : actor);
      }
      case ENTITY_LIST -> {
        Set<String> homes = new LinkedHashSet<>();
        for (String v : items) {
          taxonomy.vendor(v).map(Taxonomy.Vendor::country).ifPresent(homes::add);
        }
        if (!homes.isEmpty()) return List.copyOf(homes);
      }
      default -> { }
    }
    String exporter = actor == null ? "US" : actor;
    Set<String> out = new LinkedHashSet<>();
    for (Mention c : s.mentions()) {
      if (isCountry(c) && !c.target().equals(exporter)) {
        out.add(c.target());
      }
    }
    if (out.isEmpty()) {
      for (String d : ctx.lastDestinations) {
        if (!d.equals(exporter)) {
          out.add(d);
          break;
        }
      }
    }
    return List.copyOf(out);
  }

  /** Countries named in a sentence other than the acting one: where later "there" points. */
  private List<String> foreignCountries(Sentence s) {
    Set<String> out = new LinkedHashSet<>();
    for (Mention c : s.mentions()) {
      if (isCountry(c) && !c.target().equals("US")) {
        out.add(c.target());
      }
    }
    return List.copyOf(out);
  }

  // ---- merging

  private static List<PolicyAction> merge(List<Candidate> candidates, boolean denialByDefault) {
    Map<String, Candidate> byKey = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      EventKind kind = c.kind() == EventKind.EXPORT_LICENSE_REQUIRED && denialByDefault ? EventKind.EXPORT_BAN : c.kind();
      String key = kind + "|" + c.destination();
      Candidate prev = byKey.get(key);
      if (prev == null) {
        byKey.put(key, new Candidate(kind, c.items(), c.destination(), c.evidence(), c.confidence()));
      } else {
        Set<String> items = new LinkedHashSet<>(prev.items());
        items.addAll(c.items());
        boolean better = c.confidence() > prev.confidence();
        byKey.put(key, new Candidate(kind, List.copyOf(items), c.destination(),
            better ? c.evidence() : prev.evidence(), Math.max(c.confidence(), prev.confidence())));
      }
    }
    // a licence requirement for an item already banned to the same place adds nothing
    List<PolicyAction> out = new ArrayList<>();
    for (Candidate c : byKey.values()) {
      List<String> items = c.items();
      if (c.kind() == EventKind.EXPORT_LICENSE_REQUIRED) {
        Candidate ban = byKey.get(EventKind.EXPORT_BAN + "|" + c.destination());
        if (ban != null) {
          items = items.stream().filter(i -> !ban.items().contains(i)).toList();
          if (items.isEmpty()) continue;
        }
      }
      out.add(new PolicyAction(c.kind(), items, c.destination(), c.evidence(), Math.round(c.confidence() * 100) / 100.0));
    }
    return List.copyOf(out);
  }

  static String lowerOf(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
