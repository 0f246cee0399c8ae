package dev.chipwatch.enrich.tagging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
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
          + "effectively (?:prohibit\\w*|bar|bars|barred|barring|block\\w*|halt\\w*|cut\\w* off|shut\\w* out|stop\\w*)|"
          + "no licen[cs]es (?:are|will be) (?:expected|granted|issued)|(?:will|would) generally deny");
  /** "Prior to the new rule, applications were reviewed under a presumption of denial": a regime that was. */
  private static final Pattern PAST_REGIME = Pattern.compile(
      "\\b(?:prior to|before|previously|previous|until|formerly|used to|had been|instead of|replac\\w+|rather than)\\b");
  private static final Pattern LIST_ELABORATION = Pattern.compile(
      "(?:the )?(?:others|rest|remaining \\w+|other (?:entities|companies|firms|listings)|(?:the|these|those) (?:entities|companies|firms|parties)|they)"
          + " (?:are|were|is|was) (?:(?:primarily|mainly|mostly|largely|all) )?(?:based |located |headquartered )?in\\b"
          + "|(?:it|they|the (?:list|additions|listings|rule|package|move)) (?:also )?(?:encompass|encompassed|encompasses|included|includes|covers|covered|comprised|comprises|targeted|targets)\\b");
  /** A body this long that reports no export action does not stand behind its headline's. */
  private static final int LONG_BODY = 6;
  private static final Pattern CAP_TERMS = Pattern.compile(
      "[^.;]{0,40}?\\b(?:to no more than|to at most|to a maximum of|to up to|at no more than|at \\d+%|to \\d+%|to \\d+ per ?cent)");
  private static final Pattern SAME_TERMS = Pattern.compile(
      "\\b(?:under|on) the same (?:deal|arrangement|terms|agreement|conditions|rules|licen[cs]es)\\b"
          + "|\\bthe \"?same (?:approach|deal|terms|treatment|arrangement|rules?)?\"? (?:would |will |also )*(?:apply|applies|extends?|goes) to\\b"
          + "|\\bthe same (?:applies|goes) to\\b");
  private static final Pattern CHIPMAKING_WORDS = Pattern.compile(
      "\\b(?:semiconductor\\w*|chipmaking|chip-making|lithography|wafers?|equipment|tools|machines|technolog\\w*|computing|ai)\\b");
  private static final Pattern UNNAMED_CHIPS = Pattern.compile("\\b(?:chips|gpus|processors|accelerators)\\b");
  /** "these advanced semiconductors", "both processors": the chips named before. */
  private static final Pattern PRODUCT_ANAPHOR = Pattern.compile(
      "\\b(?:these|those|such|both|the two|the same)\\s(?:[\\w-]+\\s){0,2}?(?:chips|semiconductors|processors|gpus|parts|products|accelerators)\\b");
  private static final Pattern REFERS_BACK = Pattern.compile(
      "\\b(?:the|this|that) (?:ban|rule|rules|restriction|restrictions|curbs|requirement|order|move|decision)\\b[^.;]{0,40}?"
          + "\\b(?:affects|affected|covers|covered|applies to|applied to|includes|included|targets|targeted|hits|hit)\\b"
          + "|\\b(?:the (?:chips|two chips|two|processors) (?:are|were|include)|both chips|they are)\\b");
  private static final Pattern COUNTED_CHIPS = Pattern.compile(
      "\\b(?:two|three|four|both|a pair of)\\b(?: [\\w-]+){0,4}? (?:chips|gpus|processors|accelerators)\\b");
  private static final Pattern LISTING_WORDS = Pattern.compile("entity list|entities list|blacklist|black list|unverified list");
  private static final Pattern TARIFF_COMPOUND = Pattern.compile(
      "\\s?(?:dispute|disputes|war|wars|talks|tensions|truce|threat|threats|negotiations|fight|row|battle|standoff|fears|worries|uncertainty|deadline)\\b");
  /** Words for goods in general: a tariff on them covers chips only when they are not narrowed ("steel imports"). */
  private static final Set<String> GENERIC_GOODS = Set.of("goods", "import", "imports", "imported", "products", "everything");
  private static final Set<String> BROAD_QUALIFIERS = Set.of("on", "all", "of", "foreign", "other", "most", "its", "their", "the", "any");
  private static final Set<EventKind> EXPORT_KINDS =
      EnumSet.of(EventKind.EXPORT_BAN, EventKind.EXPORT_LICENSE_REQUIRED, EventKind.EXPORT_ALLOWED);

  private final Taxonomy taxonomy;
  private final ItemFinder items;
  private final PlaceFinder places;
  private final TriggerLexicon lexicon;
  private final RulePrecision precision = RulePrecision.bundled();
  /** Each rule's written confidence, by id. */
  private final Map<String, Double> bases = new java.util.HashMap<>();

  EventExtractor(Taxonomy taxonomy, TriggerLexicon lexicon) {
    this.taxonomy = taxonomy;
    this.lexicon = lexicon;
    for (Trigger t : lexicon.triggers()) {
      bases.put(t.id(), t.base());
    }
    bases.put(MaterialsCurb.RULE_ID, MaterialsCurb.BASE);
    this.items = new ItemFinder(taxonomy);
    this.places = new PlaceFinder(taxonomy);
  }

  String vendorOf(String chipId) {
    return taxonomy.vendorOf(chipId).orElseThrow();
  }

  private record Candidate(EventKind kind, List<String> items, String destination, String evidence,
      double confidence, boolean fromTitle, Instant effective, List<String> rules, List<String> cues) {
    /** "curb exports", "tighten controls": an action of unstated kind, read as a ban only for want of better */
    boolean generic() {
      return kind == EventKind.EXPORT_BAN && confidence <= GENERIC_CONFIDENCE;
    }
  }

  /** Base confidence of the generic restriction phrases ("restricted exports", "imposed curbs"). */
  private static final double GENERIC_CONFIDENCE = 0.7;

  /** What the article has said so far, for sentences that say "there" or "both chips". */
  private static final class Context {
    List<String> titleChips = List.of();
    List<String> lastChips = List.of();
    List<String> lastPlaces = List.of();
    List<Sentence> sentences = List.of();

    private List<TriggerLexicon.Match>[] found;

    /** The triggers of a sentence, found once however often they are asked for. */
    @SuppressWarnings("unchecked")
    List<TriggerLexicon.Match> triggers(TriggerLexicon lexicon, Sentence s) {
      if (found == null) {
        found = new List[sentences.size()];
      }
      List<TriggerLexicon.Match> f = found[s.index()];
      if (f == null) {
        f = lexicon.find(s);
        found[s.index()] = f;
      }
      return f;
    }

    /** The sentence after {@code s}, or null. */
    Sentence after(Sentence s) {
      int i = s.index() + 1;
      return i < sentences.size() ? sentences.get(i) : null;
    }
    /** Kinds the body reported as decided news, and kinds it reported only hedged or as background. */
    final Set<EventKind> bodyAccepted = EnumSet.noneOf(EventKind.class);
    final Set<EventKind> bodyRejected = EnumSet.noneOf(EventKind.class);
  }

  List<PolicyAction> extract(List<Sentence> sentences, Instant published) {
    return extract(sentences, published, Explanation.NONE);
  }

  List<PolicyAction> extract(List<Sentence> sentences, Instant published, Explanation explain) {
    boolean denialByDefault = false;
    for (Sentence s : sentences) {
      Matcher denial = DENIAL_BY_DEFAULT.matcher(s.lower());
      if (s.cues().any(Cue.DENIAL_HINT, 0, s.lower().length()) && denial.find()
          && !PAST_REGIME.matcher(s.lower()).region(0, denial.start()).find()) {
        denialByDefault = true;
        break;
      }
    }
    Context ctx = new Context();
    ctx.sentences = sentences;
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      Sentence s = sentences.get(i);
      List<String> chips = items.chips(s);
      if (s.inTitle() && ctx.titleChips.isEmpty()) {
        ctx.titleChips = chips;
      }
      Sentence next = i + 1 < sentences.size() ? sentences.get(i + 1) : null;
      int before = candidates.size();
      sentenceEvents(s, next, chips, published, ctx, candidates, explain);
      dropExportReadingsOfPurchaseCurbs(candidates, before, s, explain);
      if (candidates.size() == before && !chips.isEmpty() && !candidates.isEmpty() && s.lower().contains("same")
          && SAME_TERMS.matcher(s.lower()).find()) {
        // "Under the same deal, AMD will also pay 15% of its MI308 sales": the last action extends to these chips
        Candidate last = candidates.get(candidates.size() - 1);
        if (EXPORT_KINDS.contains(last.kind()) && !last.fromTitle()) {
          candidates.add(new Candidate(last.kind(), chips, last.destination(), s.text(), last.confidence(), false, last.effective(),
              last.rules(), List.of("same-terms")));
        }
      }
      if (!chips.isEmpty()) {
        ctx.lastChips = chips;
      }
      List<String> foreign = PlaceFinder.foreignCountries(s);
      if (!foreign.isEmpty()) {
        ctx.lastPlaces = foreign;
      }
    }
    // a headline compresses: its action stands only if the body does not report it solely as hedged or past
    candidates.removeIf(c -> c.fromTitle() && ctx.bodyRejected.contains(c.kind()) && !ctx.bodyAccepted.contains(c.kind())
        && rejected(explain, sentences.get(0), c, "a headline its body reports only as hedged or past"));
    // "U.S. Blocks Sale of Blackwell Chips to China" over a long body that reports no action of that kind:
    // the headline restates a standing policy
    long bodySentences = sentences.stream().filter(x -> !x.inTitle()).count();
    candidates.removeIf(c -> c.fromTitle() && EXPORT_KINDS.contains(c.kind()) && bodySentences >= LONG_BODY
        && ctx.bodyAccepted.stream().noneMatch(EXPORT_KINDS::contains)
        && rejected(explain, sentences.get(0), c, "a headline whose long body reports no export action"));
    // "Beijing slaps export ban on key chip metals": a headline without items for an action the body
    // reports under another kind (a materials ban) to the same place
    candidates.removeIf(c -> c.fromTitle() && c.items().isEmpty() && !ctx.bodyAccepted.contains(c.kind())
        && candidates.stream().anyMatch(o -> !o.fromTitle() && o.kind() != c.kind() && o.destination().equals(c.destination()))
        && rejected(explain, sentences.get(0), c, "a headline for an action the body reports as another kind"));
    return merge(candidates, denialByDefault, explain);
  }

  /** Records a dropped candidate; always true, for use inside removeIf. */
  private static boolean rejected(Explanation explain, Sentence s, Candidate c, String reason) {
    explain.reject(s, c.rules().isEmpty() ? "" : c.rules().get(0), c.kind(), reason);
    return true;
  }

  private static EventKind kind(Candidate c, boolean denialByDefault) {
    return c.kind() == EventKind.EXPORT_LICENSE_REQUIRED && denialByDefault ? EventKind.EXPORT_BAN : c.kind();
  }

  /**
   * "Nvidia chips" in one sentence and "the RTX Pro 6000D" in another: the vendor's products are the
   * chips named; a vendor stays when one sentence names it with its chips ("Nvidia's chips, the H20 among them").
   */
  private List<String> withoutVendorsOfNamedChips(List<String> items, List<List<String>> bySentence) {
    List<String> out = new ArrayList<>(items);
    out.removeIf(item -> taxonomy.vendor(item).isPresent()
        && items.stream().anyMatch(i -> taxonomy.vendorOf(i).map(item::equals).orElse(false))
        && bySentence.stream().noneMatch(list -> list.contains(item)
            && list.stream().anyMatch(i -> taxonomy.vendorOf(i).map(item::equals).orElse(false))));
    return List.copyOf(out);
  }

  /** "China introduced rules that ban the use of American processors": a purchase curb, not an export ban. */
  private static void dropExportReadingsOfPurchaseCurbs(List<Candidate> out, int from, Sentence s, Explanation explain) {
    boolean purchaseCurb = false;
    for (int i = from; i < out.size(); i++) {
      purchaseCurb |= out.get(i).kind() == EventKind.IMPORT_RESTRICTION;
    }
    if (purchaseCurb) {
      for (int i = out.size() - 1; i >= from; i--) {
        if (EXPORT_KINDS.contains(out.get(i).kind())) {
          rejected(explain, s, out.remove(i), "the words of a purchase curb, not an export action");
        }
      }
    }
  }

  private void sentenceEvents(Sentence s, Sentence next, List<String> chips, Instant published, Context ctx, List<Candidate> out,
      Explanation explain) {
    List<String> materials = ItemFinder.materials(s);
    // a sentence about metals: its export curbs are materials curbs, its tariffs still tariffs
    boolean aboutMaterials = !materials.isEmpty() && chips.isEmpty();
    if (aboutMaterials) {
      materialsEvent(s, materials, published, ctx, out, explain);
    }
    List<TriggerLexicon.Match> matches = new ArrayList<>(ctx.triggers(lexicon, s));
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
    // "placement on the Entity List restricts companies from receiving US goods without a licence": the
    // duties a listing brings, described anywhere in its sentence, are not export actions of their own
    Matcher listingWords = LISTING_WORDS.matcher(s.lower());
    int listingWordsAt = s.lower().contains("list") && listingWords.find() ? listingWords.start() : Integer.MAX_VALUE;
    Set<EventKind> done = EnumSet.noneOf(EventKind.class);
    for (TriggerLexicon.Match m : matches) {
      Trigger t = m.trigger();
      if (t.base() <= GENERIC_CONFIDENCE && m.kind() == EventKind.EXPORT_BAN
          && CAP_TERMS.matcher(s.lower()).region(m.end(), Math.min(s.lower().length(), m.end() + 60)).lookingAt()) {
        explain.reject(s, t.id(), m.kind(), "a cap or condition on sales, not a ban"); // "limits shipments to no more than 50%"
        continue;
      }
      if (t.needsExportContext() && !exportContext) {
        explain.reject(s, t.id(), m.kind(), "the word alone, in a sentence not about exports or sales");
        continue;
      }
      if (listing == Integer.MAX_VALUE && m.start() > listingWordsAt && EXPORT_KINDS.contains(m.kind())) {
        explain.reject(s, t.id(), m.kind(), "what a listing entails, not an action of its own");
        continue;
      }
      if (m.kind() == EventKind.TARIFF && TARIFF_COMPOUND.matcher(s.lower()).region(m.end(), s.lower().length()).lookingAt()) {
        explain.reject(s, t.id(), m.kind(), "talk about tariffs, no tariff set"); // "the tariff dispute"
        continue;
      }
      // "added X to the entity list, cutting them off / meaning suppliers need licences": effects of the listing
      boolean afterListing = m.start() > listing && EXPORT_KINDS.contains(m.kind()) && isConsequenceClause(s, m.start());
      if (afterListing || (t.consequence() && listing != Integer.MAX_VALUE)) {
        explain.reject(s, t.id(), m.kind(), "a consequence of the listing in the same sentence");
        continue;
      }
      if (done.contains(m.kind())) {
        continue; // the sentence already reports this kind: one event per kind and sentence
      }
      double confidence = confidence(s, m, published);
      if (confidence < THRESHOLD) {
        if (!s.inTitle()) ctx.bodyRejected.add(m.kind());
        if (explain.recording()) explain.reject(s, t.id(), m.kind(), whyNot(s, m, published));
        continue;
      }
      String actor = m.kind() == EventKind.ENTITY_LIST ? places.lister(s, m) : places.actor(s, m.start());
      List<String> its = itemsFor(s, next, m, chips, actor, ctx);
      if (EXPORT_KINDS.contains(m.kind()) && listing != Integer.MAX_VALUE) {
        // the companies put on the list are not the products a control in the same sentence covers
        List<String> listed = matches.stream().filter(x -> x.kind() == EventKind.ENTITY_LIST)
            .flatMap(x -> items.listedCompanies(s, x, actor).stream()).toList();
        its = its.stream().filter(i -> !listed.contains(i)).toList();
      }
      if (t.needsItems() && its.isEmpty()) {
        explain.reject(s, t.id(), m.kind(), "names no chips or vendors, and the phrase needs them");
        continue;
      }
      if (its.isEmpty() && EXPORT_KINDS.contains(m.kind()) && !s.cues().any(Cue.CHIP_WORDS, 0, s.lower().length())
          && !CHIPMAKING_WORDS.matcher(s.lower()).find() && s.mentions().stream().noneMatch(x -> x.kind() == AliasKind.VENDOR)) {
        explain.reject(s, t.id(), m.kind(), "not about chips or chipmaking"); // "export controls on lithium-ion batteries"
        continue;
      }
      List<String> destinations = destinationsFor(s, next, m.kind(), actor, its, ctx);
      if (m.kind() == EventKind.TARIFF && !tariffOnGoods(s, m)) {
        explain.reject(s, t.id(), m.kind(), "a tariff on other goods");
        continue;
      }
      if (m.kind() == EventKind.IMPORT_RESTRICTION && its.isEmpty() && !namesChips(s, m.start())) {
        explain.reject(s, t.id(), m.kind(), "devices or goods, not chips"); // "told officials not to use iPhones"
        continue;
      }
      if (destinations.isEmpty()) {
        explain.reject(s, t.id(), m.kind(), "no destination found");
      }
      done.add(m.kind());
      if (!s.inTitle() && !destinations.isEmpty()) ctx.bodyAccepted.add(m.kind());
      if (m.kind() == EventKind.ENTITY_LIST) {
        listElaboration(s, next, actor, out);
        if (next != null && !LIST_ELABORATION.matcher(next.lower()).lookingAt()) {
          listElaboration(s, ctx.after(next), actor, out); // one sentence between: "Friday's expansion ... It encompassed ..."
        }
      }
      Matcher same = SAME_TERMS.matcher(s.lower()).region(m.end(), s.lower().length());
      if (EXPORT_KINDS.contains(m.kind()) && s.lower().indexOf("same", m.end()) >= 0 && same.find()) {
        // "... will allow Nvidia to sell the H200, and the same approach will apply to AMD and Intel"
        Set<String> extended = new LinkedHashSet<>(its);
        for (Mention v : s.mentions()) {
          if (v.kind() == AliasKind.VENDOR && v.start() > same.end() && v.start() < same.end() + 40) extended.add(v.target());
        }
        its = List.copyOf(extended);
      }
      Instant effective = effective(s, m, published);
      List<String> cues = cuesOf(s);
      for (String destination : destinations) {
        out.add(new Candidate(m.kind(), its, destination, s.text(), confidence, s.inTitle(), effective, List.of(t.id()), cues));
      }
    }
  }

  /** Why a trigger's confidence fell below the threshold: the hedge, negation or background reason. */
  private static String whyNot(Sentence s, TriggerLexicon.Match m, Instant published) {
    if (Modality.hedged(s, m.start(), m.end())) return "hedged: a proposal, plan, rumour, denial or question";
    if (Modality.negated(s, m)) return "negated";
    String background = Modality.whyBackground(s, m, published);
    return background != null ? "background: " + background : "below the confidence threshold";
  }

  private static final Cue[] MODALITY_CUES = {Cue.SPEECH, Cue.NEWS_TIME, Cue.HEDGE, Cue.NEGATION, Cue.RECAP, Cue.RELATIVE_PAST};

  /** The modality cue words of a sentence, as "kind:word", for the explanation of an event. */
  private static List<String> cuesOf(Sentence s) {
    List<String> out = new ArrayList<>();
    for (Cue kind : MODALITY_CUES) {
      for (Cues.Hit h : s.cues().all(kind, 0, s.lower().length())) {
        out.add(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ":" + s.lower().substring(h.start(), h.end()));
      }
    }
    return List.copyOf(out);
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
      out.add(new Candidate(EventKind.ENTITY_LIST, List.of(), country, next.text(), 0.6, false, null, List.of("entity-list-elaboration"), List.of()));
    }
  }

  /** A clause that opens with a participle or "meaning": ", barring suppliers...", ", meaning companies will need...". */
  private static boolean isConsequenceClause(Sentence s, int offset) {
    int from = Modality.clauseStart(s.lower(), offset);
    if (from == 0) {
      return false;
    }
    String first = MentionFinder.wordAfter(s.lower(), from);
    // "..., with the government effectively blocking their access": the listing's effect
    return first.endsWith("ing") || first.equals("meaning") || first.equals("so") || first.equals("with");
  }

  /** When the clause dates the action ("on July 14", "takes effect on 15 May"); null: the article's time. */
  private static Instant effective(Sentence s, TriggerLexicon.Match m, Instant published) {
    int[] clause = Modality.actionClause(s.lower(), m);
    if (!Modality.mayHoldDate(s, clause[0], clause[1])) {
      return null;
    }
    EffectiveTime.Reading when = EffectiveTime.in(s.lower(), clause[0], clause[1], m.start(), published);
    if (when == null || when.relation() == EffectiveTime.Relation.UNTIL) {
      return null;
    }
    Instant at = when.instant(published);
    return at.equals(published) ? null : at;
  }

  private static double confidence(Sentence s, TriggerLexicon.Match m, Instant published) {
    // each factor alone takes any rule below the threshold: the costlier checks wait for the cheaper
    double base = m.trigger().base();
    if (Modality.hedged(s, m.start(), m.end())) return base * 0.25;
    if (Modality.negated(s, m)) return base * 0.2;
    return Modality.background(s, m, published) ? base * 0.3 : base;
  }

  private void materialsEvent(Sentence s, List<String> materials, Instant published, Context ctx, List<Candidate> out,
      Explanation explain) {
    TriggerLexicon.Match m = MaterialsCurb.find(s);
    if (m == null) {
      return;
    }
    double confidence = confidence(s, m, published);
    if (confidence < THRESHOLD) {
      if (!s.inTitle()) ctx.bodyRejected.add(EventKind.MATERIALS_EXPORT_BAN);
      if (explain.recording()) explain.reject(s, m.trigger().id(), EventKind.MATERIALS_EXPORT_BAN, whyNot(s, m, published));
      return;
    }
    String exporter = places.actor(s, m.start());
    if (exporter == null && !s.cues().any(Cue.GOVERNMENT, 0, m.start())) {
      explain.reject(s, m.trigger().id(), EventKind.MATERIALS_EXPORT_BAN, "no government acting"); // "shipments halted at ports"
      return;
    }
    if (!s.inTitle()) ctx.bodyAccepted.add(EventKind.MATERIALS_EXPORT_BAN);
    List<String> targets = places.directedOnly(s, exporter);
    Instant effective = effective(s, m, published);
    for (String destination : targets.isEmpty() ? List.of("*") : targets) {
      out.add(new Candidate(EventKind.MATERIALS_EXPORT_BAN, materials, destination, s.text(), confidence, s.inTitle(), effective,
          List.of(m.trigger().id()), cuesOf(s)));
    }
  }

  private List<String> itemsFor(Sentence s, Sentence next, TriggerLexicon.Match m, List<String> chips, String actor, Context ctx) {
    return switch (m.kind()) {
      case ENTITY_LIST -> items.listedCompanies(s, m, actor);
      case TARIFF -> chips.isEmpty() && next != null && s.lower().stripTrailing().endsWith(":") ? items.chips(next) : chips;
      default -> {
        Set<String> out = new LinkedHashSet<>(items.vendorWide(s));
        out.addAll(inClauseOf(s, m, chips));
        if (out.isEmpty() && PRODUCT_ANAPHOR.matcher(s.lower()).find()) {
          out.addAll(!ctx.lastChips.isEmpty() ? ctx.lastChips : ctx.titleChips); // "these chips": the ones just named
        } else if (out.isEmpty() && s.cues().any(Cue.ITEM_ANAPHOR, 0, s.lower().length())) {
          out.addAll(!ctx.titleChips.isEmpty() ? ctx.titleChips : ctx.lastChips);
        }
        // "told it to stop exporting two top computing chips ... The chips, the A100 and H100, ...": chips
        // unnamed in the action's clause, named by the next sentence
        int clauseEnd = Modality.clauseEnd(s.lower(), m.end());
        boolean unnamed = next != null && EXPORT_KINDS.contains(m.kind()) && chips.isEmpty()
            && UNNAMED_CHIPS.matcher(s.lower()).region(m.start(), clauseEnd).find();
        List<String> named = unnamed ? chipsReferredBack(next, ctx.after(next), ctx) : List.of();
        if (!named.isEmpty()) {
          if (COUNTED_CHIPS.matcher(s.lower()).region(m.start(), clauseEnd).find()) {
            out.clear(); // "two of its top chips": not the vendor's products in general, but the two named next
            out.addAll(named);
          } else if (out.isEmpty()) {
            out.addAll(named);
          }
        }
        yield List.copyOf(out);
      }
    };
  }

  /**
   * "Trump will allow H200 sales; the H200 remains behind Blackwell chips, which stay restricted": in a
   * sentence of independent clauses, the chips of the action's own clause.
   */
  private static List<String> inClauseOf(Sentence s, TriggerLexicon.Match m, List<String> chips) {
    String lower = s.lower();
    if (lower.indexOf(';') < 0) {
      return chips;
    }
    int from = lower.lastIndexOf(';', m.start()) + 1;
    int to = lower.indexOf(';', m.end());
    int end = to < 0 ? lower.length() : to;
    return chips.stream().filter(c -> s.mentions().stream()
        .anyMatch(x -> x.target().equals(c) && x.start() >= from && x.start() < end)).toList();
  }

  /**
   * The chips a following sentence names for an action just reported: the next sentence when it names
   * chips and reports no action of its own, or the one after when it refers back to the action ("the
   * ban, which affects its A100 and H100").
   */
  private List<String> chipsReferredBack(Sentence next, Sentence afterNext, Context ctx) {
    List<String> named = items.chips(next);
    if (!named.isEmpty()) {
      return ctx.triggers(lexicon, next).isEmpty() || REFERS_BACK.matcher(next.lower()).find() ? named : List.of();
    }
    if (afterNext != null && REFERS_BACK.matcher(afterNext.lower()).find()) {
      return items.chips(afterNext);
    }
    return List.of();
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
        // the listed vendors' homes, and the countries the sentence places the listed firms in
        homes.addAll(places.countries(s, actor == null ? "US" : actor));
        return List.copyOf(homes);
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

  private List<PolicyAction> merge(List<Candidate> candidates, boolean denialByDefault, Explanation explain) {
    Map<String, Candidate> byKey = new LinkedHashMap<>();
    Map<String, List<List<String>>> namedTogether = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      EventKind kind = kind(c, denialByDefault);
      String key = kind + "|" + c.destination();
      namedTogether.computeIfAbsent(key, k -> new ArrayList<>()).add(c.items());
      Candidate prev = byKey.get(key);
      if (prev == null) {
        byKey.put(key, new Candidate(kind, c.items(), c.destination(), c.evidence(), c.confidence(), c.fromTitle(), c.effective(),
            c.rules(), kind != c.kind() ? append(c.cues(), "denial-by-default") : c.cues()));
      } else {
        Set<String> union = new LinkedHashSet<>(prev.items());
        union.addAll(c.items());
        // prefer a body sentence as evidence: it states the action in full
        boolean better = c.confidence() > prev.confidence() || (prev.fromTitle() && !c.fromTitle());
        Instant effective = better && c.effective() != null ? c.effective() : prev.effective() != null ? prev.effective() : c.effective();
        // the strongest rule first: it is the one whose measured precision the event's confidence is
        List<String> rules = c.confidence() > prev.confidence() ? union(c.rules(), prev.rules()) : union(prev.rules(), c.rules());
        byKey.put(key, new Candidate(kind, List.copyOf(union), c.destination(),
            better ? c.evidence() : prev.evidence(), Math.max(c.confidence(), prev.confidence()), prev.fromTitle() && c.fromTitle(),
            effective, rules, union(prev.cues(), c.cues())));
      }
    }
    // "the decision to curb H20 exports" next to "will require a licence to export the H20": the specific
    // requirement says what the curb is
    if (!denialByDefault) {
      byKey.values().removeIf(c -> c.generic() && c.items().stream().allMatch(i -> {
        Candidate licence = byKey.get(EventKind.EXPORT_LICENSE_REQUIRED + "|" + c.destination());
        return licence != null && licence.items().contains(i);
      }) && rejectedMerged(explain, c, "a generic curb the article's licence rule describes"));
    }
    List<PolicyAction> out = new ArrayList<>();
    for (Candidate c : byKey.values()) {
      List<String> its = withoutVendorsOfNamedChips(c.items(), namedTogether.get(kind(c, denialByDefault) + "|" + c.destination()));
      // a licence requirement for an item already banned to the same place adds nothing
      if (c.kind() == EventKind.EXPORT_LICENSE_REQUIRED) {
        Candidate ban = byKey.get(EventKind.EXPORT_BAN + "|" + c.destination());
        if (ban != null) {
          its = its.stream().filter(i -> !ban.items().contains(i)).toList();
          if (its.isEmpty()) {
            rejectedMerged(explain, c, "a licence requirement for items the article reports banned");
            continue;
          }
        }
      }
      String rule = c.rules().isEmpty() ? "" : c.rules().get(0);
      double confidence = precision.confidence(rule, c.confidence(), bases.getOrDefault(rule, c.confidence()));
      out.add(new PolicyAction(c.kind(), its, c.destination(), c.evidence(), Math.round(confidence * 100) / 100.0, c.effective(),
          c.rules(), c.cues()));
    }
    return List.copyOf(out);
  }

  private static boolean rejectedMerged(Explanation explain, Candidate c, String reason) {
    if (explain.recording()) {
      explain.reject(new Sentence(-1, c.fromTitle(), c.evidence(), "", List.of(), null), c.rules().isEmpty() ? "" : c.rules().get(0),
          c.kind(), reason);
    }
    return true;
  }

  private static List<String> union(List<String> a, List<String> b) {
    Set<String> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }

  private static List<String> append(List<String> a, String b) {
    return union(a, List.of(b));
  }
}
