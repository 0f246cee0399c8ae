package dev.chipwatch.enrich.tagging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads taxonomy files into one merged taxonomy. A later file adds entries, or extends an entry with
 * the same id: its names are added, its scalar fields (ticker, listed...) replace the earlier ones.
 * Every error names the file and the JSON path.
 */
final class TaxonomyReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  /** An entry being assembled; {@code where} is the file and path that first defined it. */
  private static final class Entry {
    final String id;
    final String where;
    final Set<String> aliases = new LinkedHashSet<>();
    final Set<String> exactCase = new LinkedHashSet<>();
    final Set<String> demonyms = new LinkedHashSet<>();
    final Set<String> capitals = new LinkedHashSet<>();
    final Set<String> bodies = new LinkedHashSet<>();
    String name;
    String ticker;
    Boolean listed;
    String country;
    String vendor;
    String family;
    boolean surname;

    Entry(String id, String where) {
      this.id = id;
      this.where = where;
    }
  }

  private final Map<String, Entry> vendors = new LinkedHashMap<>();
  private final Map<String, Entry> chips = new LinkedHashMap<>();
  private final Map<String, Entry> countries = new LinkedHashMap<>();
  private final Map<String, Entry> materials = new LinkedHashMap<>();
  private final Set<String> otherCompanies = new LinkedHashSet<>();
  private final Set<String> lookalikes = new LinkedHashSet<>();

  void read(byte[] bytes, String file) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new TaxonomyException("taxonomy file " + file + ": not valid JSON at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new TaxonomyException("taxonomy file " + file + ": cannot read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw error(file, "$", "must be a JSON object");
    }
    var fields = root.fieldNames();
    while (fields.hasNext()) {
      String f = fields.next();
      if (!Set.of("_comment", "vendors", "chips", "countries", "materials", "others").contains(f)) {
        throw error(file, "$." + f, "unknown section (expected vendors, chips, countries, materials, others)");
      }
    }
    readEntries(root, "vendors", file, vendors, "id", this::readVendor);
    readEntries(root, "chips", file, chips, "id", this::readChip);
    readEntries(root, "countries", file, countries, "code", this::readCountry);
    readEntries(root, "materials", file, materials, "id", (n, e, f, p) -> {});
    JsonNode others = root.get("others");
    if (others != null) {
      if (!others.isObject()) {
        throw error(file, "$.others", "must be an object");
      }
      otherCompanies.addAll(strings(others, "companies", file, "$.others"));
      lookalikes.addAll(strings(others, "lookalikes", file, "$.others"));
    }
  }

  @FunctionalInterface
  private interface FieldReader {
    void read(JsonNode node, Entry entry, String file, String path);
  }

  private void readEntries(JsonNode root, String section, String file, Map<String, Entry> into,
      String idField, FieldReader fields) {
    JsonNode list = root.get(section);
    if (list == null) {
      return;
    }
    if (!list.isArray()) {
      throw error(file, "$." + section, "must be an array");
    }
    for (int i = 0; i < list.size(); i++) {
      String path = "$." + section + "[" + i + "]";
      JsonNode node = list.get(i);
      if (!node.isObject()) {
        throw error(file, path, "must be an object");
      }
      String id = text(node, idField, file, path);
      if (id == null) {
        throw error(file, path + "." + idField, "missing");
      }
      Pattern shape = idField.equals("code") ? COUNTRY : ID;
      if (!shape.matcher(id).matches() && !(idField.equals("code") && id.equals("EU"))) {
        throw error(file, path + "." + idField, "'" + id + "' is not a valid "
            + (idField.equals("code") ? "ISO 3166-1 alpha-2 code" : "id (lowercase letters, digits, '-')"));
      }
      Entry entry = into.computeIfAbsent(id, k -> new Entry(k, file + " " + path));
      entry.aliases.addAll(strings(node, idField.equals("code") ? "names" : "aliases", file, path));
      entry.exactCase.addAll(strings(node, "exactCase", file, path));
      fields.read(node, entry, file, path);
    }
  }

  private void readVendor(JsonNode node, Entry e, String file, String path) {
    e.name = orElse(text(node, "name", file, path), e.name);
    e.ticker = orElse(text(node, "ticker", file, path), e.ticker);
    e.country = orElse(text(node, "country", file, path), e.country);
    JsonNode listed = node.get("listed");
    if (listed != null) {
      if (!listed.isBoolean()) {
        throw error(file, path + ".listed", "must be true or false");
      }
      e.listed = listed.booleanValue();
    }
  }

  private void readChip(JsonNode node, Entry e, String file, String path) {
    e.vendor = orElse(text(node, "vendor", file, path), e.vendor);
    e.family = orElse(text(node, "family", file, path), e.family);
    JsonNode surname = node.get("surname");
    if (surname != null) {
      if (!surname.isBoolean()) {
        throw error(file, path + ".surname", "must be true or false");
      }
      e.surname = surname.booleanValue();
    }
  }

  private void readCountry(JsonNode node, Entry e, String file, String path) {
    e.demonyms.addAll(strings(node, "demonyms", file, path));
    e.capitals.addAll(strings(node, "capitals", file, path));
    e.bodies.addAll(strings(node, "bodies", file, path));
  }

  Taxonomy build() {
    Map<String, Taxonomy.Vendor> vs = new LinkedHashMap<>();
    Map<String, Taxonomy.Chip> cs = new LinkedHashMap<>();
    List<Alias> aliases = new ArrayList<>();
    for (Entry e : vendors.values()) {
      if (e.country != null && !countries.containsKey(e.country)) {
        throw new TaxonomyException("taxonomy " + e.where + ".country: unknown country '" + e.country + "'");
      }
      boolean listed = e.listed != null ? e.listed : e.ticker != null;
      vs.put(e.id, new Taxonomy.Vendor(e.id, e.name == null ? e.id : e.name, e.ticker, listed, e.country));
      addNames(aliases, e, AliasKind.VENDOR, false);
    }
    for (Entry e : chips.values()) {
      if (e.vendor == null) {
        throw new TaxonomyException("taxonomy " + e.where + ".vendor: missing");
      }
      if (!vendors.containsKey(e.vendor)) {
        throw new TaxonomyException("taxonomy " + e.where + ".vendor: unknown vendor '" + e.vendor + "'");
      }
      if (e.family != null) {
        Entry family = chips.get(e.family);
        if (family == null) {
          throw new TaxonomyException("taxonomy " + e.where + ".family: unknown chip family '" + e.family + "'");
        }
        if (family.family != null) {
          throw new TaxonomyException("taxonomy " + e.where + ".family: '" + e.family + "' is itself a member of a family");
        }
      }
      cs.put(e.id, new Taxonomy.Chip(e.id, e.vendor, e.family));
      addNames(aliases, e, AliasKind.CHIP, e.surname);
    }
    for (Entry e : countries.values()) {
      // country names are proper nouns: "china" is porcelain, "turkey" a bird
      for (String n : e.aliases) aliases.add(new Alias(n, true, AliasKind.COUNTRY, e.id, false));
      for (String n : e.exactCase) aliases.add(new Alias(n, true, AliasKind.COUNTRY, e.id, false));
      for (String n : e.demonyms) aliases.add(new Alias(n, true, AliasKind.COUNTRY, e.id, false, true));
      for (String n : e.capitals) aliases.add(new Alias(n, true, AliasKind.CAPITAL, e.id, false));
      for (String n : e.bodies) aliases.add(new Alias(n, true, AliasKind.GOV_BODY, e.id, false));
    }
    for (Entry e : materials.values()) {
      addNames(aliases, e, AliasKind.MATERIAL, false);
      aliases.add(new Alias(e.id, false, AliasKind.MATERIAL, e.id, false));
    }
    for (String n : otherCompanies) aliases.add(new Alias(n, true, AliasKind.OTHER_COMPANY, null, false));
    for (String n : lookalikes) aliases.add(new Alias(n, false, AliasKind.LOOKALIKE, null, false));
    return new Taxonomy(vs, cs, new ArrayList<>(countries.keySet()), new ArrayList<>(materials.keySet()), aliases);
  }

  private static void addNames(List<Alias> out, Entry e, AliasKind kind, boolean surname) {
    for (String n : e.aliases) out.add(new Alias(n, false, kind, e.id, surname && isSingleWord(n)));
    for (String n : e.exactCase) out.add(new Alias(n, true, kind, e.id, surname && isSingleWord(n)));
  }

  private static boolean isSingleWord(String s) {
    return s.chars().allMatch(Character::isLetter);
  }

  private static List<String> strings(JsonNode node, String field, String file, String path) {
    JsonNode list = node.get(field);
    if (list == null) {
      return List.of();
    }
    if (!list.isArray()) {
      throw error(file, path + "." + field, "must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode s = list.get(i);
      if (!s.isTextual() || s.textValue().isBlank()) {
        throw error(file, path + "." + field + "[" + i + "]", "must be a non-empty string");
      }
      out.add(s.textValue().strip());
    }
    return out;
  }

  private static String text(JsonNode node, String field, String file, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw error(file, path + "." + field, "must be a non-empty string");
    }
    return v.textValue().strip();
  }

  private static String orElse(String value, String previous) {
    return value != null ? value : previous;
  }

  private static TaxonomyException error(String file, String path, String problem) {
    return new TaxonomyException("taxonomy file " + file + ": " + path + ": " + problem);
  }
}
