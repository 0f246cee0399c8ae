package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxonomyTest {
  private static final List<String> MINIMUM_VENDORS = List.of(
      "nvidia", "amd", "intel", "huawei", "alibaba", "baidu", "tencent", "bytedance", "cambricon", "biren",
      "moore-threads", "metax", "hygon", "smic", "tsmc", "samsung", "sk-hynix", "micron", "asml", "google",
      "amazon", "microsoft", "meta", "openai", "groq", "cerebras", "sambanova", "tenstorrent", "broadcom",
      "qualcomm", "arm", "deepseek");
  private static final List<String> MINIMUM_CHIPS = List.of(
      "nvidia-a100", "nvidia-a800", "nvidia-h100", "nvidia-h800", "nvidia-h20", "nvidia-h200", "nvidia-b200",
      "nvidia-b300", "nvidia-gb200", "nvidia-b30a", "nvidia-rtx-pro-6000d", "nvidia-hopper", "nvidia-blackwell",
      "nvidia-rubin", "amd-mi300x", "amd-mi308", "amd-mi325x", "amd-mi355x", "huawei-ascend-910b",
      "huawei-ascend-910c", "huawei-ascend-950", "intel-gaudi-3", "google-tpu", "amazon-trainium",
      "cambricon-mlu590", "groq-lpu", "cerebras-wse-3");

  @Test
  void bundledTaxonomyHasTheContractMinimum() {
    Taxonomy t = Taxonomy.load();
    assertTrue(t.vendors().keySet().containsAll(MINIMUM_VENDORS));
    assertTrue(t.chips().keySet().containsAll(MINIMUM_CHIPS));
    assertTrue(t.materials().containsAll(List.of("gallium", "germanium", "antimony", "graphite", "rare-earths")));
    assertTrue(t.countries().containsAll(List.of("CN", "US", "EU", "SA", "RU")));
  }

  @Test
  void ancestorsAndVendors() {
    Taxonomy t = Taxonomy.load();
    assertEquals(List.of("nvidia-hopper", "nvidia"), t.ancestors("nvidia-h20"));
    assertEquals(List.of("nvidia-blackwell", "nvidia"), t.ancestors("nvidia-b30a"));
    assertEquals(List.of("nvidia"), t.ancestors("nvidia-blackwell"));
    assertEquals(List.of("amd"), t.ancestors("amd-mi308"));
    assertEquals(List.of(), t.ancestors("nvidia"));
    assertEquals(List.of(), t.ancestors("no-such-thing"));
    assertEquals(Optional.of("huawei"), t.vendorOf("huawei-ascend-910c"));
    assertEquals(Optional.empty(), t.vendorOf("nvidia"));
  }

  @Test
  void tickersForListedVendorsOnly() {
    Taxonomy t = Taxonomy.load();
    assertEquals("NVDA", t.tickers().get("nvidia"));
    assertEquals("AVGO", t.tickers().get("broadcom"));
    assertFalse(t.tickers().containsKey("openai"));
    assertTrue(t.isListed("amd"));
    assertFalse(t.isListed("groq"));
    assertFalse(t.isListed("cerebras"));
    assertFalse(t.isListed("unknown"));
  }

  @Test
  void extensionAddsAndExtendsEntries(@TempDir Path dir) throws Exception {
    Path ext = dir.resolve("extra.json");
    Files.writeString(ext, """
        {"vendors": [{"id": "enflame", "name": "Enflame", "aliases": ["Enflame"], "country": "CN"},
                     {"id": "nvidia", "aliases": ["Team Green"]}],
         "chips": [{"id": "nvidia-gb300", "vendor": "nvidia", "family": "nvidia-blackwell", "aliases": ["GB300"]}]}
        """);
    Taxonomy t = Taxonomy.load(ext);
    assertEquals(List.of("nvidia-blackwell", "nvidia"), t.ancestors("nvidia-gb300"));
    assertEquals("NVDA", t.tickers().get("nvidia"));
    Tags tags = new Tagger(t).tag("Enflame and Team Green", "", "Racks of GB300 systems.");
    assertEquals(List.of("enflame", "nvidia"), List.copyOf(tags.vendors()));
    assertEquals(List.of("nvidia-gb300"), List.copyOf(tags.chips()));
  }

  @Test
  void badExtensionNamesFileAndPath(@TempDir Path dir) throws Exception {
    Path ext = dir.resolve("bad.json");
    Files.writeString(ext, "{\"chips\": [{\"id\": \"x-1\", \"vendor\": \"nvidia\"}, {\"id\": \"x-2\", \"aliases\": [7]}]}");
    TaxonomyException e = assertThrows(TaxonomyException.class, () -> Taxonomy.load(ext));
    assertTrue(e.getMessage().contains(ext.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("$.chips[1].aliases[0]"), e.getMessage());

    Files.writeString(ext, "{\"chips\": [{\"id\": \"x-1\", \"vendor\": \"nvida\"}]}");
    e = assertThrows(TaxonomyException.class, () -> Taxonomy.load(ext));
    assertTrue(e.getMessage().contains("$.chips[0].vendor") && e.getMessage().contains("nvida"), e.getMessage());

    Files.writeString(ext, "{\"vendors\": [ {\"id\": ");
    e = assertThrows(TaxonomyException.class, () -> Taxonomy.load(ext));
    assertTrue(e.getMessage().contains(ext.toString()) && e.getMessage().contains("not valid JSON"), e.getMessage());
  }
}
