package dev.chipwatch.enrich.tagging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The names the tagger knows: vendors, chips (with families), countries, materials, and the
 * look-alikes that must not be taken for them. Loaded from {@code taxonomy.json} on the classpath,
 * optionally extended by an operator file of the same shape. Immutable once loaded.
 */
public final class Taxonomy {
  static final String BUNDLED = "/taxonomy.json";

  /** A company that makes or buys AI chips. */
  public record Vendor(String id, String name, String ticker, boolean listed, String country) {}

  /** A chip or chip family; {@code family} is null for a family itself and for chips outside one. */
  public record Chip(String id, String vendor, String family) {}

  private final Map<String, Vendor> vendors;
  private final Map<String, Chip> chips;
  private final List<String> countries;
  private final List<String> materials;
  private final List<Alias> aliases;

  Taxonomy(Map<String, Vendor> vendors, Map<String, Chip> chips, List<String> countries,
      List<String> materials, List<Alias> aliases) {
    this.vendors = Collections.unmodifiableMap(new LinkedHashMap<>(vendors));
    this.chips = Collections.unmodifiableMap(new LinkedHashMap<>(chips));
    this.countries = List.copyOf(countries);
    this.materials = List.copyOf(materials);
    this.aliases = List.copyOf(aliases);
  }

  /** The bundled taxonomy. */
  public static Taxonomy load() {
    TaxonomyReader reader = new TaxonomyReader();
    readBundled(reader);
    return reader.build();
  }

  /** The bundled taxonomy plus an operator file that adds entries or extends those with the same id. */
  public static Taxonomy load(Path extension) {
    TaxonomyReader reader = new TaxonomyReader();
    readBundled(reader);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(extension);
    } catch (IOException e) {
      throw new TaxonomyException("taxonomy file " + extension + ": cannot read: " + e.getMessage(), e);
    }
    reader.read(bytes, extension.toString());
    return reader.build();
  }

  private static void readBundled(TaxonomyReader reader) {
    try (InputStream in = Taxonomy.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new TaxonomyException("taxonomy file " + BUNDLED + " is missing from the classpath");
      }
      reader.read(in.readAllBytes(), "classpath:" + BUNDLED);
    } catch (IOException e) {
      throw new TaxonomyException("taxonomy file " + BUNDLED + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * The items whose export status an item inherits, nearest first: a chip's family (if any) then its
   * vendor; a family's vendor; nothing for a vendor or an unknown id.
   */
  public List<String> ancestors(String itemId) {
    Chip chip = chips.get(itemId);
    if (chip == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(2);
    if (chip.family() != null) {
      out.add(chip.family());
    }
    out.add(chip.vendor());
    return List.copyOf(out);
  }

  /** The items that inherit an item's export status: a family's chips; a vendor's families and chips. */
  public List<String> descendants(String itemId) {
    return chips.values().stream()
        .filter(c -> !c.id().equals(itemId) && (itemId.equals(c.family()) || itemId.equals(c.vendor())))
        .map(Chip::id)
        .toList();
  }

  public Optional<String> vendorOf(String chipId) {
    Chip chip = chips.get(chipId);
    return chip == null ? Optional.empty() : Optional.of(chip.vendor());
  }

  /** Vendor id to ticker, for listed vendors only, sorted by vendor id. */
  public Map<String, String> tickers() {
    Map<String, String> out = new TreeMap<>();
    for (Vendor v : vendors.values()) {
      if (v.listed() && v.ticker() != null) {
        out.put(v.id(), v.ticker());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  public boolean isListed(String vendorId) {
    Vendor v = vendors.get(vendorId);
    return v != null && v.listed();
  }

  public Optional<Vendor> vendor(String id) {
    return Optional.ofNullable(vendors.get(id));
  }

  public Optional<Chip> chip(String id) {
    return Optional.ofNullable(chips.get(id));
  }

  public Map<String, Vendor> vendors() {
    return vendors;
  }

  public Map<String, Chip> chips() {
    return chips;
  }

  /** ISO 3166-1 alpha-2 codes (and "EU") the taxonomy can tag. */
  public List<String> countries() {
    return countries;
  }

  public List<String> materials() {
    return materials;
  }

  /** Every name the tagger looks for, as written in the taxonomy (benchmarks build baselines from it). */
  public List<String> names() {
    return aliases.stream().map(Alias::text).distinct().toList();
  }

  List<Alias> aliases() {
    return aliases;
  }
}
