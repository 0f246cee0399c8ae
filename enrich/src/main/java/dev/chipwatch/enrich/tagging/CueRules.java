package dev.chipwatch.enrich.tagging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The phrases of every {@link Cue} kind: those of {@code rules/cues.yaml} (read at class
 * initialisation, a bad entry or example failing it), optionally changed by the {@code cues:}
 * section of an operator's rules file ({@link #with(Changes)}). Each refusal names the file and the
 * kind. Immutable.
 */
final class CueRules {
  static final int VERSION = 1;
  static final String BUNDLED = "/rules/cues.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(
      new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
  /** The kinds that decide an action's modality: their entries must have examples. */
  static final Set<Cue> NEEDS_EXAMPLES = java.util.EnumSet.of(Cue.HEDGE, Cue.HEDGE_AFTER, Cue.NEGATION, Cue.SPEECH,
      Cue.RECAP, Cue.RELATIVE_PAST, Cue.NEWS_TIME);
  private static final Set<String> ENTRY_KEYS = Set.of("id", "kind", "meaning", "phrases", "examples");
  /** Lower-case words joined by single spaces or hyphens; a trailing '*' for any ending. */
  private static final Pattern PHRASE = Pattern.compile("[\\p{Ll}\\p{Nd}]+(?:[ -][\\p{Ll}\\p{Nd}]+)*\\*?");

  /**
   * One kind as written.
   *
   * @param phrases as written: a trailing '*' matches any ending
   * @param positive sentences each holding a phrase of the kind (may be empty: examples are optional)
   * @param negative sentences holding none
   */
  record Entry(String id, Cue kind, String meaning, List<String> phrases, List<String> positive, List<String> negative) {}

  /**
   * An operator file's changes: phrases to remove from a kind, then phrases to add at its end.
   *
   * @param source the file, for messages
   */
  record Changes(String source, Map<Cue, List<String>> add, Map<Cue, List<String>> remove) {
    static final Changes NONE = new Changes("", Map.of(), Map.of());

    boolean isEmpty() {
      return add.isEmpty() && remove.isEmpty();
    }
  }

  private static final CueRules BUNDLED_RULES = readBundled();

  private final String source;
  /** The bundled file's entries, in file order, with their examples. */
  private final List<Entry> entries;
  private final Map<Cue, List<String>> phrases;

  private CueRules(String source, List<Entry> entries, Map<Cue, List<String>> phrases) {
    this.source = source;
    this.entries = entries;
    this.phrases = phrases;
  }

  /** The bundled cue phrases. */
  static CueRules bundled() {
    return BUNDLED_RULES;
  }

  /** The phrases of a kind, in order; a trailing '*' matches any ending. None for {@link Cue#ANCHOR}. */
  List<String> phrases(Cue kind) {
    return phrases.getOrDefault(kind, List.of());
  }

  /** The entries as read from the bundled file, with their examples (the operator's changes not applied). */
  List<Entry> entries() {
    return entries;
  }

  /** The id of a kind in the files: its name in kebab-case ("relative-past"). */
  static String id(Cue kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** The kind of an id, or null; {@link Cue#ANCHOR} has no phrases of its own and no id. */
  static Cue kindOf(String id) {
    for (Cue c : Cue.values()) {
      if (c != Cue.ANCHOR && id(c).equals(id)) {
        return c;
      }
    }
    return null;
  }

  /**
   * These phrases with an operator's changes: each kind's removals first (each must be there), then
   * its additions at the end (none may be there already).
   */
  CueRules with(Changes changes) {
    if (changes.isEmpty()) {
      return this;
    }
    Map<Cue, List<String>> out = new EnumMap<>(Cue.class);
    phrases.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
    changes.remove().forEach((kind, remove) -> {
      List<String> list = out.get(kind);
      for (String p : remove) {
        if (!list.remove(p)) {
          throw new TriggerRuleException(changes.source() + ": cues: remove: " + id(kind) + ": '" + p
              + "' is not a phrase of this kind in " + source);
        }
      }
    });
    changes.add().forEach((kind, add) -> {
      List<String> list = out.get(kind);
      for (String p : add) {
        if (list.contains(p)) {
          throw new TriggerRuleException(changes.source() + ": cues: add: " + id(kind) + ": '" + p
              + "' is a phrase of this kind already");
        }
        list.add(p);
      }
    });
    out.replaceAll((k, v) -> List.copyOf(v));
    return new CueRules(source, entries, out);
  }

  /**
   * Reads a whole cues file: one entry per kind but {@link Cue#ANCHOR}, each kind once, its
   * examples checked against its phrases as the tagger's scan finds them.
   */
  static CueRules read(byte[] bytes, String source) {
    JsonNode root = parse(bytes, source);
    if (root == null || !root.isObject()) {
      throw new TriggerRuleException(source + ": expected a mapping with version and cues at the top level");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("version") && !key.equals("cues")) {
        throw new TriggerRuleException(source + ": unknown key '" + key + "' (expected cues, version)");
      }
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isInt() || version.intValue() != VERSION) {
      throw new TriggerRuleException(source + ": version must be " + VERSION + ", got " + (version == null ? "none" : version));
    }
    JsonNode list = root.get("cues");
    if (list == null || !list.isArray()) {
      throw new TriggerRuleException(source + ": cues must be a list of entries with id, kind, meaning, phrases");
    }
    List<Entry> entries = new ArrayList<>();
    Map<Cue, List<String>> phrases = new EnumMap<>(Cue.class);
    int index = 0;
    for (JsonNode e : list) {
      index++;
      Entry entry = entry(e, source, index);
      if (phrases.containsKey(entry.kind())) {
        throw new TriggerRuleException(source + ": cue " + entry.id() + ": kind " + entry.kind() + " is listed twice");
      }
      entries.add(entry);
      phrases.put(entry.kind(), entry.phrases());
    }
    List<String> missing = Arrays.stream(Cue.values()).filter(c -> c != Cue.ANCHOR && !phrases.containsKey(c)).map(CueRules::id).toList();
    if (!missing.isEmpty()) {
      throw new TriggerRuleException(source + ": no entry for the kinds " + missing);
    }
    CueRules rules = new CueRules(source, List.copyOf(entries), phrases);
    rules.checkExamples();
    return rules;
  }

  private static Entry entry(JsonNode e, String source, int index) {
    if (!e.isObject()) {
      throw new TriggerRuleException(source + ": cue #" + index + ": expected a mapping with id, kind, meaning, phrases");
    }
    JsonNode idNode = e.get("id");
    if (idNode == null || !idNode.isTextual()) {
      throw new TriggerRuleException(source + ": cue #" + index + ": id must be the kind in kebab-case, got " + (idNode == null ? "none" : idNode));
    }
    String id = idNode.textValue();
    String at = source + ": cue " + id + ": ";
    for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!ENTRY_KEYS.contains(key)) {
        throw new TriggerRuleException(at + "unknown key '" + key + "' (expected examples, id, kind, meaning, phrases)");
      }
    }
    JsonNode kindNode = e.get("kind");
    Cue kind = null;
    for (Cue c : Cue.values()) {
      if (c != Cue.ANCHOR && kindNode != null && kindNode.isTextual() && c.name().equals(kindNode.textValue())) {
        kind = c;
      }
    }
    if (kind == null) {
      throw new TriggerRuleException(at + "unknown kind " + (kindNode == null ? "(none)" : kindNode) + ", expected one of "
          + Arrays.stream(Cue.values()).filter(c -> c != Cue.ANCHOR).toList());
    }
    if (!id.equals(id(kind))) {
      throw new TriggerRuleException(at + "the id of kind " + kind + " is " + id(kind));
    }
    JsonNode meaning = e.get("meaning");
    if (meaning == null || !meaning.isTextual() || meaning.textValue().isBlank()) {
      throw new TriggerRuleException(at + "meaning must be a line saying what the kind's words signal");
    }
    List<String> phrases = phrases(e.get("phrases"), at + "phrases", false);
    List<String> positive = List.of();
    List<String> negative = List.of();
    JsonNode examples = e.get("examples");
    if (examples != null && !examples.isNull()) {
      if (!examples.isObject()) {
        throw new TriggerRuleException(at + "examples must be a mapping with positive and negative sentences");
      }
      for (Iterator<String> it = examples.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!key.equals("positive") && !key.equals("negative")) {
          throw new TriggerRuleException(at + "examples: unknown key '" + key + "' (expected positive, negative)");
        }
      }
      positive = TriggerRules.sentences(examples.get("positive"), at + "examples.positive");
      negative = TriggerRules.sentences(examples.get("negative"), at + "examples.negative");
    } else if (NEEDS_EXAMPLES.contains(kind)) {
      throw new TriggerRuleException(at + "examples with at least one positive and one negative sentence are required:"
          + " the kind decides whether an action is news");
    }
    return new Entry(id, kind, meaning.textValue(), phrases, positive, negative);
  }

  /**
   * Reads the {@code cues:} section of an operator file: {@code add} and {@code remove}, each a
   * mapping of kind id to phrases.
   */
  static Changes changes(JsonNode node, String source) {
    if (node == null || node.isNull()) {
      return Changes.NONE;
    }
    if (!node.isObject()) {
      throw new TriggerRuleException(source + ": cues must be a mapping with add and/or remove");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("add") && !key.equals("remove")) {
        throw new TriggerRuleException(source + ": cues: unknown key '" + key + "' (expected add, remove)");
      }
    }
    return new Changes(source, byKind(node.get("add"), source + ": cues: add"), byKind(node.get("remove"), source + ": cues: remove"));
  }

  private static Map<Cue, List<String>> byKind(JsonNode node, String at) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new TriggerRuleException(at + ": expected a mapping of cue kind id to a list of phrases");
    }
    Map<Cue, List<String>> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Cue kind = kindOf(e.getKey());
      if (kind == null) {
        throw new TriggerRuleException(at + ": unknown cue kind '" + e.getKey() + "', expected one of "
            + Arrays.stream(Cue.values()).filter(c -> c != Cue.ANCHOR).map(CueRules::id).toList());
      }
      out.put(kind, phrases(e.getValue(), at + ": " + e.getKey(), true));
    }
    return out;
  }

  private static List<String> phrases(JsonNode n, String at, boolean operator) {
    if (n == null || !n.isArray() || n.isEmpty()) {
      throw new TriggerRuleException(at + ": expected a non-empty list of phrases");
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode p : n) {
      if (!p.isTextual()) {
        throw new TriggerRuleException(at + ": expected phrases, got " + p + " (quote words YAML reads otherwise, such as 'no' or 'on')");
      }
      String phrase = p.textValue();
      if (!PHRASE.matcher(phrase).matches()) {
        throw new TriggerRuleException(at + ": '" + phrase + "': a phrase is lower-case words joined by single spaces or"
            + " hyphens, with an optional '*' at the end for any ending");
      }
      if (!out.add(phrase)) {
        throw new TriggerRuleException(at + ": '" + phrase + "' is listed twice");
      }
    }
    return List.copyOf(out);
  }



  /** Each positive holds a phrase of its kind where the tagger's scan finds it; no negative holds one. */
  private void checkExamples() {
    Cues.Table table = new Cues.Table(this, List.of());
    AhoCorasick automaton = new AhoCorasick(table.patterns());
    for (Entry e : entries) {
      String at = source + ": cue " + e.id() + ": ";
      for (String example : e.positive()) {
        if (hits(table, automaton, example, e.kind()).isEmpty()) {
          throw new TriggerRuleException(at + "positive example \"" + example + "\" holds none of the kind's phrases"
              + " (at the start of a word, whole words unless the phrase ends in '*')");
        }
      }
      for (String example : e.negative()) {
        List<String> found = hits(table, automaton, example, e.kind());
        if (!found.isEmpty()) {
          throw new TriggerRuleException(at + "negative example \"" + example + "\" holds the kind's phrase \"" + found.get(0) + "\"");
        }
      }
    }
  }

  /** The text of each hit of a kind in a sentence, found as the tagger's scan finds cue words. */
  static List<String> hits(Cues.Table table, AhoCorasick automaton, String sentence, Cue kind) {
    char[] chars = sentence.toCharArray();
    String text = TextNormalizer.normalizeInPlace(chars) ? new String(chars) : sentence;
    List<Cues.Hit> hits = new ArrayList<>();
    List<Cues.Hit> anchors = new ArrayList<>();
    automaton.scan(chars, (p, end) -> table.collect(text, p, end, 0, text.length(), hits, anchors));
    return hits.stream().filter(h -> h.cue() == kind).map(h -> text.substring(h.start(), h.end())).toList();
  }

  private static JsonNode parse(byte[] bytes, String source) {
    try {
      return YAML.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new TriggerRuleException(source + ": not valid YAML (" + e.getOriginalMessage() + " at line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")", e);
    } catch (IOException e) {
      throw new TriggerRuleException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static CueRules readBundled() {
    try (InputStream in = CueRules.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new TriggerRuleException("classpath:" + BUNDLED + " is missing");
      }
      return read(in.readAllBytes(), "classpath:" + BUNDLED);
    } catch (IOException e) {
      throw new TriggerRuleException("classpath:" + BUNDLED + ": cannot read: " + e.getMessage(), e);
    }
  }
}
