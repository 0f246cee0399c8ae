package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When reported actions take effect, and states that are over. Fixtures are written for this test
 * (our own words), after phenomena seen in real articles: feature recaps, ended bans, standing
 * states, dated reversals, rules announced for a later date.
 */
class TemporalGroundingTest {
  private static final Tagger TAGGER = new Tagger(Taxonomy.load());
  private static final Instant SEPT_2025 = Instant.parse("2025-09-17T09:00:00Z");
  private static final Instant JULY_16_2025 = Instant.parse("2025-07-16T12:00:00Z");
  private static final Instant JULY_20_2025 = Instant.parse("2025-07-20T12:00:00Z");

  private static List<PolicyAction> events(String body, Instant published) {
    return TAGGER.tag("", "", body, published).events();
  }

  @Test
  void aFeatureRecallingABanThatEndedInJulyReportsNoBan() {
    String feature = "Washington's rules have swung back and forth all year. Until July, even H20s were banned for export "
        + "to China; the President later changed his mind, and now China is allowed to tap Nvidia's chips again; "
        + "all Blackwell chips remain out of China. None of it has dented investors: Nvidia is worth over $4 trillion.";
    List<PolicyAction> out = events(feature, SEPT_2025);
    assertTrue(out.stream().noneMatch(e -> e.type() == EventKind.EXPORT_BAN), "no ban in force: " + out);
    assertEquals(List.of(), events("Until July, Washington banned sales of even the H20 to China.", SEPT_2025));
    assertEquals(List.of(), events("Even H20s were banned until July, when the President changed his mind.", SEPT_2025));
  }

  @Test
  void aStandingStateIsNoAction() {
    assertEquals(List.of(), events("Blackwell chips remain banned from export to China.", SEPT_2025));
    assertEquals(List.of(), events("The curbs on H100 sales to China remain in place.", SEPT_2025));
  }

  @Test
  void aReversalDatedBeforeTheArticleMonthIsBackground() {
    assertEquals(List.of(), events("The H20 ban was lifted in July, and Nvidia has since resumed shipments to China.", SEPT_2025));
  }

  @Test
  void aDatedActionCarriesItsDay() {
    List<PolicyAction> lifted = events("The ban on H20 sales to China was lifted on Monday.", JULY_16_2025);
    assertEquals(1, lifted.size());
    assertEquals(EventKind.EXPORT_ALLOWED, lifted.get(0).type());
    assertEquals(Instant.parse("2025-07-14T23:59:59Z"), lifted.get(0).effective());
    List<PolicyAction> told = events("The Commerce Department on July 14 told Nvidia that exports of its H20 chips to China "
        + "now require a licence, and Nvidia does not expect licences to be granted.", JULY_20_2025);
    assertEquals(Instant.parse("2025-07-14T23:59:59Z"), told.get(0).effective());
  }

  @Test
  void anActionAtTheArticlesTimeHasNoEffectiveDate() {
    List<PolicyAction> out = events("The US Commerce Department on Sunday banned exports of Nvidia's H20 to China.", JULY_20_2025);
    assertEquals(1, out.size());
    assertNull(out.get(0).effective(), "Sunday is the article's own day: no date of its own");
  }

  @Test
  void aRuleAnnouncedForALaterDateTakesEffectThen() {
    List<PolicyAction> out = events("Nvidia said the US government has told it that exports of its H20 chips to China will "
        + "require a licence from August 15, and it does not expect licences to be granted.", JULY_20_2025);
    assertEquals(1, out.size());
    assertEquals(EventKind.EXPORT_BAN, out.get(0).type());
    assertEquals(Instant.parse("2025-08-15T00:00:00Z"), out.get(0).effective());
  }
}
