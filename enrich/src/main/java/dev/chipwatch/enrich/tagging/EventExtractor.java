package dev.chipwatch.enrich.tagging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
      "presumption of denial|de facto ban|(?:generally|likely to|would|will|expected to) (?:generally )?be (?:refused|denied|rejected)|"
          + "(?:neither|no one|nobody|not)\\b.{0,40}\\bexpects? (?:any )?licen[cs]es to be (?:granted|issued|approved)|"
          + "amounts? to an? (?:de facto |outright |effective )?ban|effectively (?:an? )?ban|"
          + "no licen[cs]es (?:are|will be) (?:expected|granted|issued)|(?:will|would) generally deny");
  private static final Pattern LIST_ELABORATION = Pattern.compile(
      "(?:the )?(?:others|rest|remaining \\w+|other (?:entities|companies|firms|listings)) (?:are|were|is|was) (?:based |located )?in\\b");
  /** Words for goods in general: a tariff on them covers chips only when they are not narrowed ("steel imports"). */
  private static final Set<String> GENERIC_GOODS = Set.of("goods", "import", "imports", "imported", "products", "everything");
  private static final Set<String> BROAD_QUALIFIERS = Set.of("on", "all", "of", "foreign", "other", "most", "its", "their", "the", "any");
  private static final Set<EventKind> EXPORT_KINDS =
      EnumSet.of(EventKind.EXPORT_BAN, EventKind.EXPORT_LICENSE_REQUIRED, EventKind.EXPORT_ALLOWED);

  private final Taxonomy taxonomy;
  private final ItemFinder items;
  private final PlaceFinder places;
  private final TriggerLexicon lexicon;

  EventExtractor(Taxonomy taxonomy, TriggerLexicon lexicon) {
    this.taxonomy = taxonomy;
    this.lexicon = lexicon;
    this.items = new ItemFinder(taxonomy);
    this.places = new PlaceFinder(taxonomy);
  }

  String vendorOf(String chipId) {
    return taxonomy.vendorOf(chipId).orElseThrow();
  }

  private record Candidate(EventKind kind, List<String> items, String destination, String evidence,
      double confidence, boolean fromTitle) {}

  /** What the article has said so far, for sentences that say "there" or "both chips". */
  private static final class Context {
    List<String> titleChips = List.of();
    List<String> lastChips = List.of();
    List<String> lastPlaces = List.of();
    /** Kinds the body reported as decided news, and kinds it reported only hedged or as background. */
    final Set<EventKind> bodyAccepted = EnumSet.noneOf(EventKind.class);
    final Set<EventKind> bodyRejected = EnumSet.noneOf(EventKind.class);
  }

  List<PolicyAction> extract(List<Sentence> sentences, Instant published) {
    boolean denialByDefault = false;
    for (Sentence s : sentences) {
      if (s.cues().any(Cue.DENIAL_HINT, 0, s.lower().length()) && DENIAL_BY_DEFAULT.matcher(s.lower()).find()) {
        denialByDefault = true;
        break;
      }
    }
    Context ctx = new Context();
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      Sentence s = sentences.get(i);
      List<String> chips = items.chips(s);
      if (s.inTitle() && ctx.titleChips.isEmpty()) {
        ctx.titleChips = chips;
      }
      Sentence next = i + 1 < sentences.size() ? sentences.get(i + 1) : null;
      sentenceEvents(s, next, chips, published, ctx, candidates);
      if (!chips.isEmpty()) {
        ctx.lastChips = chips;
      }
      List<String> foreign = PlaceFinder.foreignCountries(s);
      if (!foreign.isEmpty()) {
        ctx.lastPlaces = foreign;
      }
    }
    // a headline compresses: its action stands only if the body does not report it solely as hedged or past
    candidates.removeIf(c -> c.fromTitle() && ctx.bodyRejected.contains(c.kind()) && !ctx.bodyAccepted.contains(c.kind()));
    // "Beijing slaps export ban on key chip metals": a headline without items for an action the body
    // reports under another kind (a materials ban) to the same place
    candidates.removeIf(c -> c.fromTitle() && c.items().isEmpty() && !ctx.bodyAccepted.contains(c.kind())
        && candidates.stream().anyMatch(o -> !o.fromTitle() && o.kind() != c.kind() && o.destination().equals(c.destination())));
    return merge(candidates, denialByDefault);
  }

  private void sentenceEvents(Sentence s, Sentence next, List<String> chips, Instant published, Context ctx, List<Candidate> out) {
    List<String> materials = ItemFinder.materials(s);
    // a sentence about metals: its export curbs are materials curbs, its tariffs still tariffs
    boolean aboutMaterials = !materials.isEmpty() && chips.isEmpty();
    if (aboutMaterials) {
      materialsEvent(s, materials, published, ctx, out);
    }
    List<TriggerLexicon.Match> matches = new ArrayList<>(lexicon.find(s));
    if (aboutMaterials) {
      matches.removeIf(m -> EXPORT_KINDS.contains(m.kind()));
    }
    // "told to stop shipping ... without licences": a licence requirement, not a ban
    matches.removeIf(m -> m.kind() == EventKind.EXPORT_BAN && matches.stream().anyMatch(
        o -> o.trigger().withoutLicence() && o.start() > m.start() && Modality.clauseEnd(s.lower(), m.end()) >= o.start()));
    if (matches.isEmpty()) {
      return;
    }
    int listing = matches.stream().filter(m -> m.kind() == EventKind.ENTITY_LIST)
        .mapToInt(TriggerLexicon.Match::start).min().orElse(Integer.MAX_VALUE);
    boolean exportContext = s.cues().any(Cue.EXPORT, 0, s.lower().length());
    Set<EventKind> done = EnumSet.noneOf(EventKind.class);
    for (TriggerLexicon.Match m : matches) {
      Trigger t = m.trigger();
      if (t.needsExportContext() && !exportContext) {
        continue;
      }
      // "added X to the entity list, cutting them off / meaning suppliers need licences": effects of the listing
      boolean afterListing = m.start() > listing && EXPORT_KINDS.contains(m.kind()) && isConsequenceClause(s, m.start());
      if (afterListing || (t.consequence() && listing != Integer.MAX_VALUE)) {
        continue;
      }
      double confidence = confidence(s, m, published);
      if (confidence < THRESHOLD) {
        if (!s.inTitle()) ctx.bodyRejected.add(m.kind());
        continue;
      }
      if (done.contains(m.kind())) {
        continue;
      }
      String actor = m.kind() == EventKind.ENTITY_LIST ? places.lister(s, m) : places.actor(s, m.start());
      List<String> its = itemsFor(s, m, chips, actor, ctx);
      if (EXPORT_KINDS.contains(m.kind()) && listing != Integer.MAX_VALUE) {
        // the companies put on the list are not the products a control in the same sentence covers
        List<String> listed = matches.stream().filter(x -> x.kind() == EventKind.ENTITY_LIST)
            .flatMap(x -> items.listedCompanies(s, x, actor).stream()).toList();
        its = its.stream().filter(i -> !listed.contains(i)).toList();
      }
      if (t.needsItems() && its.isEmpty()) {
        continue;
      }
      List<String> destinations = destinationsFor(s, next, m.kind(), actor, its, ctx);
      if (m.kind() == EventKind.TARIFF && !tariffOnGoods(s, m)) {
        continue;
      }
      if (m.kind() == EventKind.IMPORT_RESTRICTION && its.isEmpty() && !namesChips(s, m.start())) {
        continue; // "told officials not to use iPhones": devices, not chips
      }
      done.add(m.kind());
      if (!s.inTitle() && !destinations.isEmpty()) ctx.bodyAccepted.add(m.kind());
      if (m.kind() == EventKind.ENTITY_LIST) {
        listElaboration(s, next, actor, out);
      }
      for (String destination : destinations) {
        out.add(new Candidate(m.kind(), its, destination, s.text(), confidence, s.inTitle()));
      }
    }
  }

  /**
   * "Others are in India, Iran and Turkey." after an entity-list addition: the list's further
   * destinations, given in the next sentence.
   */
  private void listElaboration(Sentence s, Sentence next, String lister, List<Candidate> out) {
    if (next == null || !LIST_ELABORATION.matcher(next.lower()).lookingAt()) {
      return;
    }
    for (String country : places.countries(next, lister == null ? "US" : lister)) {
      out.add(new Candidate(EventKind.ENTITY_LIST, List.of(), country, next.text(), 0.6, false));
    }
  }

  /** A clause that opens with a participle or "meaning": ", barring suppliers...", ", meaning companies will need...". */
  private static boolean isConsequenceClause(Sentence s, int offset) {
    int from = Modality.clauseStart(s.lower(), offset);
    if (from == 0) {
      return false;
    }
    String first = MentionFinder.wordAfter(s.lower(), from);
    return first.endsWith("ing") || first.equals("meaning") || first.equals("so");
  }

  private static double confidence(Sentence s, TriggerLexicon.Match m, Instant published) {
    double confidence = m.trigger().base();
    if (Modality.hedged(s, m.start(), m.end())) confidence *= 0.25;
    if (Modality.negated(s, m)) confidence *= 0.2;
    if (Modality.background(s, m, published)) confidence *= 0.3;
    return confidence;
  }

  private void materialsEvent(Sentence s, List<String> materials, Instant published, Context ctx, List<Candidate> out) {
    TriggerLexicon.Match m = MaterialsCurb.find(s);
    if (m == null) {
      return;
    }
    double confidence = confidence(s, m, published);
    if (confidence < THRESHOLD) {
      if (!s.inTitle()) ctx.bodyRejected.add(EventKind.MATERIALS_EXPORT_BAN);
      return;
    }
    String exporter = places.actor(s, m.start());
    if (exporter == null && !s.cues().any(Cue.GOVERNMENT, 0, m.start())) {
      return; // "shipments from China have been halted at ports": an effect, no government acting
    }
    if (!s.inTitle()) ctx.bodyAccepted.add(EventKind.MATERIALS_EXPORT_BAN);
    List<String> targets = places.directedOnly(s, exporter);
    for (String destination : targets.isEmpty() ? List.of("*") : targets) {
      out.add(new Candidate(EventKind.MATERIALS_EXPORT_BAN, materials, destination, s.text(), confidence, s.inTitle()));
    }
  }

  private List<String> itemsFor(Sentence s, TriggerLexicon.Match m, List<String> chips, String actor, Context ctx) {
    return switch (m.kind()) {
      case ENTITY_LIST -> items.listedCompanies(s, m, actor);
      case TARIFF -> chips;
      default -> {
        Set<String> out = new LinkedHashSet<>(items.vendorWide(s));
        out.addAll(chips);
        if (out.isEmpty() && s.cues().any(Cue.ITEM_ANAPHOR, 0, s.lower().length())) {
          out.addAll(!ctx.titleChips.isEmpty() ? ctx.titleChips : ctx.lastChips);
        }
        yield List.copyOf(out);
      }
    };
  }

  private List<String> destinationsFor(Sentence s, Sentence next, EventKind kind, String actor, List<String> its, Context ctx) {
    switch (kind) {
      case IMPORT_RESTRICTION -> {
        if (actor != null) return List.of(actor);
        for (Mention c : s.mentions()) if (PlaceFinder.isCountry(c)) return List.of(c.target());
        return ctx.lastPlaces.isEmpty() ? List.of() : List.of(ctx.lastPlaces.get(0));
      }
      case TARIFF -> {
        return List.of(actor == null ? "US" : actor);
      }
      case ENTITY_LIST -> {
        Set<String> homes = new LinkedHashSet<>();
        for (String v : its) {
          taxonomy.vendor(v).map(Taxonomy.Vendor::country).ifPresent(homes::add);
        }
        return !homes.isEmpty() ? List.copyOf(homes) : places.countries(s, actor == null ? "US" : actor);
      }
      default -> { }
    }
    String exporter = actor == null ? "US" : actor;
    List<String> found = places.destinations(s, exporter);
    if (!found.isEmpty()) {
      return found;
    }
    if (next != null && s.cues().any(Cue.UNNAMED_COUNTRIES, 0, s.lower().length())) {
      List<String> named = places.destinations(next, exporter);
      if (!named.isEmpty()) return named;
    }
    int n = s.lower().length();
    if (s.cues().any(Cue.PLACE_ANAPHOR, 0, n) || (!its.isEmpty() && s.cues().any(Cue.ITEM_ANAPHOR, 0, n))) {
      for (String d : ctx.lastPlaces) {
        if (!d.equals(exporter)) return List.of(d);
      }
      return List.of();
    }
    // another government's own export rule that names no destination ("Malaysia will require permits
    // for exports of US AI chips") covers all of them
    return actor != null && !actor.equals("US") ? List.of("*") : List.of();
  }

  /**
   * "tariffs on US coal, liquefied natural gas and crude oil" or "on steel and aluminium imports" are
   * not about chips; "on imports from the US", "on Chinese goods" and "on semiconductors" are.
   */
  private static boolean tariffOnGoods(Sentence s, TriggerLexicon.Match m) {
    if (s.mentions().stream().anyMatch(x -> x.kind() == AliasKind.CHIP)) {
      return true;
    }
    Cues.Hit end = s.cues().first(Cue.OBJECT_END, m.start(), s.lower().length());
    int objectEnd = end == null ? s.lower().length() : end.start();
    // the object after the trigger, and the subject before it in its clause ("chips were exempted from tariffs")
    for (Cues.Hit goods : s.cues().all(Cue.GOODS, Modality.clauseStart(s.lower(), m.start()), objectEnd)) {
      String word = s.lower().substring(goods.start(), goods.end());
      if (!GENERIC_GOODS.contains(word)) {
        return true;
      }
      String before = MentionFinder.wordBefore(s.lower(), goods.start());
      String after = MentionFinder.wordAfter(s.lower(), goods.end());
      if (BROAD_QUALIFIERS.contains(before) || after.equals("from") || isCountryAdjective(s, goods.start())) {
        return true;
      }
    }
    return false;
  }

  /** Whether the sentence from offset on speaks of chips: a chip or vendor name, or a word for chips. */
  private static boolean namesChips(Sentence s, int offset) {
    for (Mention x : s.mentions()) {
      if (x.start() >= offset && (x.kind() == AliasKind.CHIP || x.kind() == AliasKind.VENDOR)) {
        return true;
      }
    }
    return s.cues().any(Cue.CHIP_WORDS, offset, s.lower().length());
  }

  private static boolean isCountryAdjective(Sentence s, int offset) {
    for (Mention c : s.mentions()) {
      if (PlaceFinder.isCountry(c) && s.lower().substring(c.end(), offset).isBlank() && c.end() <= offset) {
        return true;
      }
    }
    return false;
  }

  private static List<PolicyAction> merge(List<Candidate> candidates, boolean denialByDefault) {
    Map<String, Candidate> byKey = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      EventKind kind = c.kind() == EventKind.EXPORT_LICENSE_REQUIRED && denialByDefault ? EventKind.EXPORT_BAN : c.kind();
      String key = kind + "|" + c.destination();
      Candidate prev = byKey.get(key);
      if (prev == null) {
        byKey.put(key, new Candidate(kind, c.items(), c.destination(), c.evidence(), c.confidence(), c.fromTitle()));
      } else {
        Set<String> union = new LinkedHashSet<>(prev.items());
        union.addAll(c.items());
        // prefer a body sentence as evidence: it states the action in full
        boolean better = c.confidence() > prev.confidence() || (prev.fromTitle() && !c.fromTitle());
        byKey.put(key, new Candidate(kind, List.copyOf(union), c.destination(),
            better ? c.evidence() : prev.evidence(), Math.max(c.confidence(), prev.confidence()), prev.fromTitle() && c.fromTitle()));
      }
    }
    List<PolicyAction> out = new ArrayList<>();
    for (Candidate c : byKey.values()) {
      List<String> its = c.items();
      // a licence requirement for an item already banned to the same place adds nothing
      if (c.kind() == EventKind.EXPORT_LICENSE_REQUIRED) {
        Candidate ban = byKey.get(EventKind.EXPORT_BAN + "|" + c.destination());
        if (ban != null) {
          its = its.stream().filter(i -> !ban.items().contains(i)).toList();
          if (its.isEmpty()) continue;
        }
      }
      out.add(new PolicyAction(c.kind(), its, c.destination(), c.evidence(), Math.round(c.confidence() * 100) / 100.0));
    }
    return List.copyOf(out);
  }
}
