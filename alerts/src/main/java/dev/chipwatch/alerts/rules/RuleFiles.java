package dev.chipwatch.alerts.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.Direction;
import dev.chipwatch.schemas.avro.EventType;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import dev.chipwatch.schemas.avro.RuleKind;
import dev.chipwatch.schemas.avro.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads rule files (YAML or JSON) into {@link AlertRule}s. A file is applied whole or not at all:
 * every problem in it is collected and reported together.
 *
 * <pre>
 * rules:
 *   - id: h20-china
 *     kind: export_status          # export_status | market_cap | policy_event | mention
 *     items: [nvidia-h20]          # chip, family or vendor ids, or *
 *     destinations: [CN]
 *     statuses: [ALLOWED, BANNED]
 *     receivers: [slack-team]
 *     severity: critical
 *   - id: nvidia-5t
 *     kind: market_cap
 *     vendors: [nvidia]
 *     thresholdsUsd: [5T, 6e12]
 *     direction: up
 *     receivers: [email-ops]
 * </pre>
 *
 * The document may also be a bare list of rules, or a single rule.
 */
public final class RuleFiles {

  public enum Format { YAML, JSON }

  static final Set<String> FIELDS = Set.of("id", "kind", "items", "destinations", "statuses",
      "vendors", "thresholdsUsd", "direction", "eventTypes", "minConfidence", "keywords",
      "receivers", "severity");
  private static final Pattern AMOUNT = Pattern.compile(
      "\\$?\\s*([0-9]+(?:\\.[0-9]+)?(?:e[0-9]+)?)\\s*(t|tn|trillion|b|bn|billion|m|mn|million)?",
      Pattern.CASE_INSENSITIVE);
  private static final Map<String, Double> UNITS = Map.of("t", 1e12, "tn", 1e12, "trillion", 1e12,
      "b", 1e9, "bn", 1e9, "billion", 1e9, "m", 1e6, "mn", 1e6, "million", 1e6);
  private static final int MAX_FILE_BYTES = 1 << 20;

  // A key written twice would otherwise keep the last value silently.
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final RuleValidator validator = new RuleValidator();

  /** Reads a file; the format follows the extension (.json, else YAML). */
  public List<AlertRule> load(Path file) throws IOException, InvalidRulesException {
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new InvalidRulesException(List.of(file.getFileName() + ": larger than 1 MiB"));
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    Format format = name.endsWith(".json") ? Format.JSON : Format.YAML;
    return parse(Files.readString(file, StandardCharsets.UTF_8), format);
  }

  /** Parses and validates; returns all rules or throws with every problem found. */
  public List<AlertRule> parse(String text, Format format) throws InvalidRulesException {
    if (text.length() > MAX_FILE_BYTES) {
      throw new InvalidRulesException(List.of("rule file larger than 1 MiB"));
    }
    JsonNode root;
    try {
      root = (format == Format.JSON ? JSON : YAML).readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidRulesException(List.of("not valid " + format + ": " + e.getOriginalMessage()
          + location(e)));
    }
    List<String> problems = new ArrayList<>();
    List<AlertRule> rules = new ArrayList<>();
    List<JsonNode> ruleNodes = ruleNodes(root, problems);
    for (int i = 0; i < ruleNodes.size(); i++) {
      AlertRule rule = new RuleReader(ruleNodes.get(i), "rules[" + i + "]", problems).read();
      if (rule != null) {
        rules.add(rule);
      }
    }
    if (problems.isEmpty()) {
      problems.addAll(validator.problems(rules));
    }
    if (!problems.isEmpty()) {
      throw new InvalidRulesException(problems);
    }
    return rules;
  }

  static String kindNames() {
    return Arrays.stream(RuleKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList().toString();
  }

  private static List<JsonNode> ruleNodes(JsonNode root, List<String> problems) {
    List<JsonNode> nodes = new ArrayList<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      problems.add("the document is empty: no rules");
    } else if (root.isArray()) {
      root.forEach(nodes::add);
    } else if (root.isObject() && root.has("rules")) {
      if (root.size() != 1) {
        problems.add("only 'rules' is allowed at the top level");
      }
      JsonNode list = root.get("rules");
      if (list.isArray()) {
        list.forEach(nodes::add);
      } else {
        problems.add("'rules' must be a list");
      }
    } else if (root.isObject()) {
      nodes.add(root);
    } else {
      problems.add("expected a list of rules or an object with 'rules'");
    }
    return nodes;
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }

  /** Turns one rule node into an AlertRule, adding type errors to {@code problems}. */
  private static final class RuleReader {
    private final JsonNode node;
    private final List<String> problems;
    private String where;

    RuleReader(JsonNode node, String where, List<String> problems) {
      this.node = node;
      this.where = where;
      this.problems = problems;
    }

    AlertRule read() {
      if (!node.isObject()) {
        problem("a rule must be an object with id, kind and receivers");
        return null;
      }
      String id = text("id");
      if (id != null) {
        where = where + " '" + id + "'";
      }
      int before = problems.size();
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!FIELDS.contains(name)) {
          problem("unknown field '" + name + "'" + suggestion(name));
        }
      }
      RuleKind kind = enumValue("kind", RuleKind.class);
      if (kind == null && !node.has("kind")) {
        problem("kind is missing (one of " + kindNames() + ")");
      }
      AlertRule.Builder rule = AlertRule.newBuilder()
          .setId(id == null ? "" : id)
          .setKind(kind == null ? RuleKind.EXPORT_STATUS : kind)
          .setItems(strings("items", s -> s.toLowerCase(Locale.ROOT)))
          .setDestinations(strings("destinations", s -> s.toUpperCase(Locale.ROOT)))
          .setStatuses(enums("statuses", ExportStatusValue.class))
          .setVendors(strings("vendors", s -> s.toLowerCase(Locale.ROOT)))
          .setThresholdsUsd(amounts("thresholdsUsd"))
          .setDirection(enumValue("direction", Direction.class))
          .setEventTypes(enums("eventTypes", EventType.class))
          .setKeywords(strings("keywords", String::strip))
          .setReceivers(strings("receivers", String::strip));
      if (node.has("minConfidence")) {
        JsonNode value = node.get("minConfidence");
        if (value.isNumber()) {
          rule.setMinConfidence(value.doubleValue());
        } else {
          problem("minConfidence must be a number between 0 and 1");
        }
      }
      if (node.has("severity")) {
        Severity severity = enumValue("severity", Severity.class);
        if (severity != null) {
          rule.setSeverity(severity);
        }
      }
      if (id == null) {
        problem("id is missing");
      }
      return problems.size() == before ? rule.build() : null;
    }

    private String text(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isTextual() && !value.isNumber()) {
        problem(field + " must be text");
        return null;
      }
      return value.asText();
    }

    /** A list field; a single value is read as a list of one, as people write in YAML. */
    private List<JsonNode> elements(String field) {
      JsonNode value = node.get(field);
      List<JsonNode> elements = new ArrayList<>();
      if (value == null || value.isNull()) {
        return elements;
      }
      if (value.isArray()) {
        value.forEach(elements::add);
      } else if (value.isValueNode()) {
        elements.add(value);
      } else {
        problem(field + " must be a list");
      }
      return elements;
    }

    private List<String> strings(String field, Function<String, String> normalise) {
      List<String> values = new ArrayList<>();
      for (JsonNode element : elements(field)) {
        if (element.isTextual() || element.isNumber()) {
          values.add(normalise.apply(element.asText()));
        } else {
          problem(field + " must hold text values, found " + element.getNodeType().name().toLowerCase(Locale.ROOT));
        }
      }
      return values;
    }

    private <E extends Enum<E>> List<E> enums(String field, Class<E> type) {
      List<E> values = new ArrayList<>();
      for (JsonNode element : elements(field)) {
        E value = parseEnum(field, element, type);
        if (value != null) {
          values.add(value);
        }
      }
      return values;
    }

    private <E extends Enum<E>> E enumValue(String field, Class<E> type) {
      JsonNode value = node.get(field);
      return value == null || value.isNull() ? null : parseEnum(field, value, type);
    }

    /** Case and '-'/'_' do not matter: "export-status" is EXPORT_STATUS. */
    private <E extends Enum<E>> E parseEnum(String field, JsonNode value, Class<E> type) {
      String name = value.isTextual() ? value.asText().strip().toUpperCase(Locale.ROOT).replace('-', '_') : "";
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equals(name)) {
          return constant;
        }
      }
      String label = "kind".equals(field) ? "kind" : field + " value";
      problem("unknown " + label + " '" + value.asText() + "' (one of "
          + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList() + ")");
      return null;
    }

    private List<Double> amounts(String field) {
      List<Double> values = new ArrayList<>();
      for (JsonNode element : elements(field)) {
        if (element.isNumber()) {
          values.add(element.doubleValue());
          continue;
        }
        Matcher amount = AMOUNT.matcher(element.asText().strip().replace(",", ""));
        if (element.isTextual() && amount.matches()) {
          double unit = amount.group(2) == null ? 1 : UNITS.get(amount.group(2).toLowerCase(Locale.ROOT));
          values.add(Double.parseDouble(amount.group(1)) * unit);
        } else {
          problem("bad threshold '" + element.asText() + "': write a number of US dollars (4e12) or an amount such as \"4T\" or \"$500B\"");
        }
      }
      return values;
    }

    private void problem(String text) {
      problems.add(where + ": " + text);
    }

    /** " (did you mean 'thresholdsUsd'?)" for near misses such as thresholds or event_types. */
    private static String suggestion(String unknown) {
      String squashed = unknown.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
      for (String known : FIELDS.stream().sorted().toList()) {
        String lower = known.toLowerCase(Locale.ROOT);
        if (lower.equals(squashed) || lower.startsWith(squashed) || squashed.startsWith(lower)) {
          return " (did you mean '" + known + "'?)";
        }
      }
      return " (known fields: " + FIELDS.stream().sorted().toList() + ")";
    }
  }
}
