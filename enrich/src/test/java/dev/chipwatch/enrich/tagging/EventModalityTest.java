package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What counts as an event: decided news, not proposals, rumours, denials, questions or background. */
class EventModalityTest {
  private static final Tagger TAGGER = new Tagger(Taxonomy.load());
  private static final Instant JULY_2025 = Instant.parse("2025-07-20T12:00:00Z");

  private static Set<String> events(String title, String body) {
    return triples(TAGGER.tag(title, "", body, JULY_2025).events());
  }

  /** "TYPE item destination" per (event, item), checking that every event has a confidence and evidence. */
  static Set<String> triples(List<PolicyAction> events) {
    Set<String> out = new TreeSet<>();
    for (PolicyAction e : events) {
      for (String item : e.items().isEmpty() ? List.of("") : e.items()) {
        out.add(e.type() + " " + item + " " + e.destination());
      }
      assertTrue(e.confidence() > 0 && e.confidence() <= 1, "confidence " + e.confidence());
      assertTrue(!e.evidence().isBlank(), "evidence");
    }
    return out;
  }

  @Test
  void decidedActionsAreEvents() {
    assertEquals(Set.of("EXPORT_BAN nvidia-h20 CN"),
        events("", "The US Commerce Department on Tuesday banned exports of Nvidia's H20 to China."));
    assertEquals(Set.of("EXPORT_ALLOWED nvidia-h20 CN"),
        events("", "The US government has assured Nvidia that licences will be granted for H20 sales to China."));
    assertEquals(Set.of("EXPORT_ALLOWED nvidia-h200 CN"),
        events("", "Trump said on Monday that the US will allow Nvidia to ship its H200 to approved customers in China."));
  }

  @Test
  void proposalsRumoursDenialsAndQuestionsAreNot() {
    assertEquals(Set.of(), events("", "Officials are considering a ban on H20 sales to China."));
    assertEquals(Set.of(), events("", "New rules could bar sales of the H20 to China, people familiar with the matter said."));
    assertEquals(Set.of(), events("", "The administration might allow sales of the B30A to China."));
    assertEquals(Set.of(), events("", "A spokesperson denied that a ban on H20 exports to China had been agreed."));
    assertEquals(Set.of(), events("Will the US ban H20 exports to China?", ""));
    assertEquals(Set.of(), events("", "Officials said there are no plans to lift restrictions on Blackwell chips for China."));
    assertEquals(Set.of(), events("", "AMD plans to resume MI308 shipments to China once licences are approved."));
    assertEquals(Set.of(), events("", "Senators introduced a bill that would ban exports of advanced chips to China."));
  }

  @Test
  void backgroundRecapsAreNot() {
    assertEquals(Set.of(), events("Nvidia revenue climbs",
        "DeepSeek used the H800, a chip that US rules barred from sale to China in October 2023."));
    assertEquals(Set.of(), events("China sales shrink",
        "Sales fell after the US banned the A100 and H100 to China in 2022."));
    assertEquals(Set.of("EXPORT_ALLOWED nvidia-h20 CN"), events("",
        "Nvidia said the US has assured it that licences will be granted for H20 sales to China, reversing the halt imposed in April."));
  }

  @Test
  void licenceWithPresumptionOfDenialIsABan() {
    assertEquals(Set.of("EXPORT_BAN nvidia-h20 CN", "EXPORT_BAN amd-mi308 CN"), events("",
        "Exports of the H20 and MI308 to China will require a licence. Officials said applications face a presumption of denial."));
    assertEquals(Set.of("EXPORT_LICENSE_REQUIRED nvidia-a100 CN", "EXPORT_LICENSE_REQUIRED nvidia-a100 RU"), events("",
        "The US government has imposed a new licence requirement on exports of the A100 to China and Russia."));
  }

  @Test
  void vendorWideActionsNameTheVendor() {
    assertEquals(Set.of("EXPORT_BAN nvidia CN", "EXPORT_BAN amd CN"), events("",
        "The rules on Friday stopped Nvidia and AMD from selling their most advanced AI chips to China."));
  }

  @Test
  void otherKinds() {
    assertEquals(Set.of("IMPORT_RESTRICTION nvidia-rtx-pro-6000d CN"), events("",
        "China's internet regulator has told companies to stop buying Nvidia's RTX Pro 6000D."));
    assertEquals(Set.of("ENTITY_LIST biren CN", "ENTITY_LIST moore-threads CN"), events("",
        "The department on Tuesday added Biren and Moore Threads, two Chinese GPU designers, to its entity list."));
    assertEquals(Set.of("TARIFF  US"), events("",
        "President Joe Biden on Tuesday raised the tariff on Chinese semiconductors to 50%."));
    assertEquals(Set.of("MATERIALS_EXPORT_BAN gallium US", "MATERIALS_EXPORT_BAN germanium US"), events("",
        "China's commerce ministry on Tuesday banned exports of gallium and germanium to the United States."));
    assertEquals(Set.of("MATERIALS_EXPORT_BAN rare-earths *"), events("",
        "China on Thursday tightened its controls on rare-earth exports."));
    assertEquals(Set.of(), events("",
        "China said it would suspend its ban on exports of gallium to the United States."));
  }

  @Test
  void marketCapsAreValuesOfListedCompanies() {
    Tags t = TAGGER.tag("", "", "Nvidia's market value rose to about $3.9 trillion. Microsoft, worth about $3.7 trillion, "
        + "trails. Nvidia shares fell, erasing market capitalisation of about $590 billion. Revenue was $46.7 billion. "
        + "OpenAI was valued at $500 billion. Cambricon has a market value of about 600 billion yuan ($84 billion).");
    assertEquals(Set.of("nvidia 3.9E12", "microsoft 3.7E12", "cambricon 8.4E10"),
        t.marketCaps().stream().map(m -> m.vendor() + " " + m.usd()).collect(Collectors.toSet()));
  }
}
