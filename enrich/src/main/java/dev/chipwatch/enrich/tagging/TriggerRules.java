package dev.chipwatch.enrich.tagging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a trigger rules file ({@code rules/triggers.yaml}, or an operator's file of the same shape,
 * described at the top of the bundled one) into rule definitions: macros expanded, patterns
 * compiled, every field checked. Each refusal names the file and the rule id.
 */
final class TriggerRules {
  static final int VERSION = 1;
  private static final ObjectMapper YAML = new ObjectMapper(
      new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
  private static final Pattern MACRO_NAME = Pattern.compile("[a-z][a-z0-9-]*");
  /** {@code {name}} not after a backslash; a repetition such as {0,40} starts with a digit. */
  private static final Pattern MACRO = Pattern.compile("(?<!\\\\)\\{([a-z][a-z0-9-]*)\\}");
  private static final Pattern GAP = Pattern.compile("gap(\\d+)");
  /** The kinds a trigger rule may report; materials curbs have a finder of their own. */
  static final Set<EventKind> KINDS = EnumSet.complementOf(EnumSet.of(EventKind.MATERIALS_EXPORT_BAN));
  private static final Set<String> RULE_KEYS = Set.of("id", "kind", "confidence", "pattern", "flags", "examples", "before");

  /** What a flag changes is described on {@link Trigger}. */
  enum Flag {
    NEEDS_ITEMS("needs-items"),
    CONSEQUENCE("consequence"),
    REVERSAL("reversal"),
    NEEDS_EXPORT_CONTEXT("needs-export-context"),
    WITHOUT_LICENCE("without-licence");

    final String name;

    Flag(String name) {
      this.name = name;
    }

    static Flag named(String name) {
      for (Flag f : values()) {
        if (f.name.equals(name)) {
          return f;
        }
      }
      return null;
    }
  }

  /**
   * One rule as written, its pattern expanded and compiled.
   *
   * @param before for an operator rule: the id of the rule it goes before, or null (at the end)
   * @param source the file it comes from, for messages
   */
  record Rule(String id, EventKind kind, double confidence, Pattern pattern, Set<Flag> flags,
      List<String> positive, List<String> negative, String before, String source) {}

  /**
   * A file read: its rules in order, the ids it disables, the macros it defines, and (an operator
   * file's) changes to the cue phrases.
   */
  record RuleFile(String source, List<Rule> rules, List<String> disable, Map<String, String> macros, CueRules.Changes cues) {}

  private TriggerRules() {}

  /**
   * Reads one file.
   *
   * @param source how messages name the file
   * @param known macros defined before (the bundled file's, for an operator file); the file may not redefine them
   * @param operator whether {@code disable}, {@code before} and {@code cues} are allowed
   */
  static RuleFile read(byte[] bytes, String source, Map<String, String> known, boolean operator) {
    JsonNode root;
    try {
      root = YAML.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new TriggerRuleException(source + ": not valid YAML (" + e.getOriginalMessage() + " at line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")", e);
    } catch (IOException e) {
      throw new TriggerRuleException(source + ": cannot read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new TriggerRuleException(source + ": expected a mapping with version and rules at the top level");
    }
    Set<String> topKeys = operator ? Set.of("version", "macros", "rules", "disable", "cues") : Set.of("version", "macros", "rules");
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!topKeys.contains(key)) {
        throw new TriggerRuleException(source + ": unknown key '" + key + "' (expected " + String.join(", ", sorted(topKeys)) + ")");
      }
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isInt() || version.intValue() != VERSION) {
      throw new TriggerRuleException(source + ": version must be " + VERSION + ", got " + (version == null ? "none" : version));
    }
    Map<String, String> macros = new LinkedHashMap<>(known);
    Map<String, String> own = new LinkedHashMap<>();
    JsonNode macroNode = root.get("macros");
    if (macroNode != null && !macroNode.isNull()) {
      if (!macroNode.isObject()) {
        throw new TriggerRuleException(source + ": macros must be a mapping of name to pattern fragment");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = macroNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> m = it.next();
        String name = m.getKey();
        if (!MACRO_NAME.matcher(name).matches() || GAP.matcher(name).matches()) {
          throw new TriggerRuleException(source + ": macro '" + name + "': a name is lower-case letters, digits and '-', "
              + "starting with a letter, and not gapN");
        }
        if (macros.containsKey(name)) {
          throw new TriggerRuleException(source + ": macro '" + name + "' is defined already");
        }
        if (!m.getValue().isTextual()) {
          throw new TriggerRuleException(source + ": macro '" + name + "' must be a string");
        }
        String value = expand(m.getValue().textValue(), macros, source + ": macro '" + name + "'");
        macros.put(name, value);
        own.put(name, value);
      }
    }
    List<String> disable = new ArrayList<>();
    JsonNode disableNode = root.get("disable");
    if (disableNode != null && !disableNode.isNull()) {
      if (!disableNode.isArray()) {
        throw new TriggerRuleException(source + ": disable must be a list of rule ids");
      }
      for (JsonNode d : disableNode) {
        if (!d.isTextual()) {
          throw new TriggerRuleException(source + ": disable: expected rule ids, got " + d);
        }
        disable.add(d.textValue());
      }
    }
    List<Rule> rules = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    JsonNode rulesNode = root.get("rules");
    if (rulesNode != null && !rulesNode.isNull()) {
      if (!rulesNode.isArray()) {
        throw new TriggerRuleException(source + ": rules must be a list");
      }
      int index = 0;
      for (JsonNode r : rulesNode) {
        index++;
        Rule rule = rule(r, source, index, macros, operator);
        if (!ids.add(rule.id())) {
          throw new TriggerRuleException(source + ": rule " + rule.id() + ": duplicate id");
        }
        rules.add(rule);
      }
    } else if (!operator) {
      throw new TriggerRuleException(source + ": no rules");
    }
    CueRules.Changes cues = operator ? CueRules.changes(root.get("cues"), source) : CueRules.Changes.NONE;
    return new RuleFile(source, List.copyOf(rules), List.copyOf(disable), own, cues);
  }

  private static Rule rule(JsonNode r, String source, int index, Map<String, String> macros, boolean operator) {
    if (!r.isObject()) {
      throw new TriggerRuleException(source + ": rule #" + index + ": expected a mapping with id, kind, confidence, pattern");
    }
    JsonNode idNode = r.get("id");
    if (idNode == null || !idNode.isTextual() || !ID.matcher(idNode.textValue()).matches()) {
      throw new TriggerRuleException(source + ": rule #" + index + ": id must be kebab-case (a-z, 0-9, '-'), got "
          + (idNode == null ? "none" : idNode));
    }
    String id = idNode.textValue();
    String at = source + ": rule " + id + ": ";
    for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!RULE_KEYS.contains(key) || (key.equals("before") && !operator)) {
        throw new TriggerRuleException(at + "unknown key '" + key + "'");
      }
    }
    JsonNode kindNode = r.get("kind");
    EventKind kind = null;
    if (kindNode != null && kindNode.isTextual()) {
      for (EventKind k : KINDS) {
        if (k.name().equals(kindNode.textValue())) {
          kind = k;
        }
      }
    }
    if (kind == null) {
      throw new TriggerRuleException(at + "unknown kind " + (kindNode == null ? "(none)" : kindNode)
          + ", expected one of " + KINDS);
    }
    JsonNode conf = r.get("confidence");
    if (conf == null || !conf.isNumber() || !(conf.doubleValue() > 0 && conf.doubleValue() <= 1)) {
      throw new TriggerRuleException(at + "confidence must be a number above 0 and at most 1, got " + (conf == null ? "none" : conf));
    }
    String regex = expand(patternText(r.get("pattern"), at), macros, at + "pattern");
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new TriggerRuleException(at + "bad regex: " + e.getDescription() + " near index " + e.getIndex() + " of " + regex, e);
    }
    Set<Flag> flags = EnumSet.noneOf(Flag.class);
    JsonNode flagNode = r.get("flags");
    if (flagNode != null && !flagNode.isNull()) {
      if (!flagNode.isArray()) {
        throw new TriggerRuleException(at + "flags must be a list");
      }
      for (JsonNode f : flagNode) {
        Flag flag = f.isTextual() ? Flag.named(f.textValue()) : null;
        if (flag == null) {
          throw new TriggerRuleException(at + "unknown flag " + f + ", expected one of "
              + java.util.Arrays.stream(Flag.values()).map(x -> x.name).toList());
        }
        flags.add(flag);
      }
    }
    JsonNode examples = r.get("examples");
    if (examples == null || !examples.isObject()) {
      throw new TriggerRuleException(at + "examples with at least one positive and one negative sentence are required");
    }
    for (Iterator<String> it = examples.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("positive") && !key.equals("negative")) {
        throw new TriggerRuleException(at + "examples: unknown key '" + key + "' (expected positive, negative)");
      }
    }
    List<String> positive = sentences(examples.get("positive"), at + "examples.positive");
    List<String> negative = sentences(examples.get("negative"), at + "examples.negative");
    JsonNode before = r.get("before");
    if (before != null && !before.isTextual()) {
      throw new TriggerRuleException(at + "before must be a rule id");
    }
    return new Rule(id, kind, conf.doubleValue(), pattern, flags, positive, negative, before == null ? null : before.textValue(), source);
  }

  private static String patternText(JsonNode p, String at) {
    if (p != null && p.isTextual() && !p.textValue().isEmpty()) {
      return p.textValue();
    }
    if (p != null && p.isArray() && !p.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode part : p) {
        if (!part.isTextual()) {
          throw new TriggerRuleException(at + "pattern parts must be strings, got " + part);
        }
        sb.append(part.textValue());
      }
      return sb.toString();
    }
    throw new TriggerRuleException(at + "pattern must be a non-empty string or list of strings");
  }

  /** A list of non-blank example sentences at {@code at}; the cue file's examples are read the same way. */
  static List<String> sentences(JsonNode n, String at) {
    if (n == null || !n.isArray() || n.isEmpty()) {
      throw new TriggerRuleException(at + ": at least one sentence is required");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode s : n) {
      if (!s.isTextual() || s.textValue().isBlank()) {
        throw new TriggerRuleException(at + ": expected sentences, got " + s);
      }
      out.add(s.textValue());
    }
    return List.copyOf(out);
  }

  /** Replaces {name} and {gapN} in a pattern; an unknown name is refused. */
  static String expand(String text, Map<String, String> macros, String at) {
    Matcher m = MACRO.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = macros.get(name);
      Matcher gap = GAP.matcher(name);
      if (value == null && gap.matches()) {
        value = gap(Integer.parseInt(gap.group(1)));
      }
      if (value == null) {
        throw new TriggerRuleException(at + ": unknown macro {" + name + "} (known: " + sorted(macros.keySet()) + " and {gapN})");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Up to n words, lazily: the gap inside a phrase such as "lift [the 2023] ban". */
  static String gap(int n) {
    return "(?:[\\w'$%.-]+,? ){0," + n + "}?";
  }

  /** A sentence as the patterns see it. */
  static String lower(String sentence) {
    return sentence.toLowerCase(Locale.ROOT);
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
