package dev.chipwatch.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one configuration loader: built-in defaults &lt; YAML file &lt; environment {@code CHIPWATCH_*}
 * &lt; flags. Unknown keys and bad values fail with the key's path and what was expected.
 */
public final class ConfigLoader {
  public static final String DEFAULT_FILE = "chipwatch.yaml";
  /** Environment variables the launcher reads itself; they are not configuration keys. */
  private static final Set<String> LAUNCHER_VARIABLES = Set.of("CHIPWATCH_JAVA_OPTS", "CHIPWATCH_HOME");

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /**
   * @param file a YAML file named with --config, or null to use ./chipwatch.yaml when it exists
   * @param env the process environment
   * @param overrides key path to value, from command-line flags
   */
  public ChipwatchConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
    ObjectNode tree = defaults();
    Map<String, JsonNode> leaves = leafPaths(tree);
    Path chosen = file != null ? file : Path.of(DEFAULT_FILE);
    if (file != null && !Files.isRegularFile(file)) {
      throw new ConfigException("config file " + file + " does not exist");
    }
    if (Files.isRegularFile(chosen)) {
      merge(tree, readFile(chosen), "");
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      String name = e.getKey();
      if (!name.startsWith("CHIPWATCH_") || LAUNCHER_VARIABLES.contains(name)) {
        continue;
      }
      String path = leaves.keySet().stream().filter(p -> envName(p).equals(name)).findFirst()
          .orElseThrow(() -> new ConfigException("unknown environment variable " + name
              + ": no configuration key has that name"));
      set(tree, path, e.getValue(), leaves.get(path), "environment " + name);
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      JsonNode template = leaves.get(e.getKey());
      if (template == null) {
        throw new ConfigException("unknown configuration key " + e.getKey());
      }
      set(tree, e.getKey(), e.getValue(), template, "flag");
    }
    ChipwatchConfig config = bind(tree);
    ConfigValidator.validate(config);
    return config;
  }

  /** The environment variable that sets a key: kafka.bootstrapServers → CHIPWATCH_KAFKA_BOOTSTRAP_SERVERS. */
  public static String envName(String path) {
    return "CHIPWATCH_" + path.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private ObjectNode defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/chipwatch-defaults.yaml")) {
      return (ObjectNode) yaml.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("bundled defaults unreadable", e);
    }
  }

  private JsonNode readFile(Path file) {
    try {
      JsonNode node = yaml.readTree(file.toFile());
      if (node == null || node.isMissingNode() || node.isNull()) {
        return yaml.createObjectNode();
      }
      if (!node.isObject()) {
        throw new ConfigException(file + ": expected a mapping of keys at the top level");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ": not valid YAML (" + e.getOriginalMessage() + " at line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
  }

  /** Object nodes merge key by key; anything else replaces what was there. */
  private static void merge(ObjectNode target, JsonNode source, String prefix) {
    Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode obj && field.getValue().isObject() && !isFreeMap(prefix + field.getKey())) {
        merge(obj, field.getValue(), prefix + field.getKey() + ".");
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }

  /** Maps whose keys the user chooses; a file replaces them whole. */
  private static boolean isFreeMap(String path) {
    return path.equals("alerts.receivers") || path.equals("kafka.clientProperties");
  }

  private static Map<String, JsonNode> leafPaths(ObjectNode tree) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    collect(tree, "", out);
    return out;
  }

  private static void collect(JsonNode node, String prefix, Map<String, JsonNode> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String path = prefix + f.getKey();
      if (f.getValue().isObject() && !f.getValue().isEmpty() && !isFreeMap(path)) {
        collect(f.getValue(), path + ".", out);
      } else {
        out.put(path, f.getValue());
      }
    }
  }

  private void set(ObjectNode tree, String path, String value, JsonNode template, String origin) {
    String[] parts = path.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      node = (ObjectNode) node.get(parts[i]);
    }
    String last = parts[parts.length - 1];
    if (template.isArray()) {
      ArrayNode array = node.putArray(last);
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          array.add(item.strip());
        }
      }
    } else if (template.isObject()) {
      try {
        node.set(last, yaml.readTree(value));
      } catch (JsonProcessingException e) {
        throw new ConfigException(path + " (from " + origin + "): expected a YAML/JSON mapping");
      }
    } else {
      node.put(last, value);
    }
  }

  private ChipwatchConfig bind(ObjectNode tree) {
    try {
      return yaml.treeToValue(tree, ChipwatchConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException("unknown configuration key " + path(e) + " (known here: "
          + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")");
    } catch (InvalidFormatException e) {
      throw new ConfigException(path(e) + ": expected " + describe(e.getTargetType()) + ", got '" + e.getValue() + "'");
    } catch (MismatchedInputException e) {
      throw new ConfigException(path(e) + ": expected " + describe(e.getTargetType()));
    } catch (JsonProcessingException e) {
      throw new ConfigException("configuration unreadable: " + e.getOriginalMessage());
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "a different kind of value";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping";
    }
    return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
  }
}
