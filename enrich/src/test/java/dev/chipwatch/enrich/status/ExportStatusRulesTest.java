package dev.chipwatch.enrich.status;

import static dev.chipwatch.enrich.status.ExportStatusRules.Outcome.CHANGE;
import static dev.chipwatch.enrich.status.ExportStatusRules.Outcome.SAME;
import static dev.chipwatch.enrich.status.ExportStatusRules.Outcome.STALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.enrich.tagging.EventKind;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExportStatusRulesTest {
  private static final Instant APRIL = Instant.parse("2025-04-15T22:30:00Z");
  private static final Instant JULY = Instant.parse("2025-07-15T04:10:00Z");

  @Test
  void onlyExportEventsImplyAStatus() {
    assertEquals(Optional.of(ExportStatusValue.BANNED), ExportStatusRules.impliedStatus(EventKind.EXPORT_BAN));
    assertEquals(Optional.of(ExportStatusValue.RESTRICTED), ExportStatusRules.impliedStatus(EventKind.EXPORT_LICENSE_REQUIRED));
    assertEquals(Optional.of(ExportStatusValue.ALLOWED), ExportStatusRules.impliedStatus(EventKind.EXPORT_ALLOWED));
    assertEquals(Optional.empty(), ExportStatusRules.impliedStatus(EventKind.IMPORT_RESTRICTION));
    assertEquals(Optional.empty(), ExportStatusRules.impliedStatus(EventKind.TARIFF));
  }

  @Test
  void firstReportChangesFromUnknown() {
    assertEquals(CHANGE, ExportStatusRules.decide(null, null, null, proposal(ExportStatusValue.BANNED, APRIL, "a")));
  }

  @Test
  void newerDifferentStatusChanges() {
    assertEquals(CHANGE, ExportStatusRules.decide(ExportStatusValue.BANNED, APRIL, "a",
        proposal(ExportStatusValue.ALLOWED, JULY, "b")));
  }

  @Test
  void sameStatusIsNoChange() {
    assertEquals(SAME, ExportStatusRules.decide(ExportStatusValue.ALLOWED, JULY, "b",
        proposal(ExportStatusValue.ALLOWED, JULY.plusSeconds(86400 * 30), "c")));
  }

  @Test
  void anOlderArticleArrivingLateNeverOverwrites() {
    assertEquals(STALE, ExportStatusRules.decide(ExportStatusValue.ALLOWED, JULY, "b",
        proposal(ExportStatusValue.BANNED, APRIL, "a")));
  }

  @Test
  void tiesInTimeAreBrokenByLink() {
    assertEquals(STALE, ExportStatusRules.decide(ExportStatusValue.ALLOWED, JULY, "https://b",
        proposal(ExportStatusValue.BANNED, JULY, "https://a")));
    assertEquals(CHANGE, ExportStatusRules.decide(ExportStatusValue.ALLOWED, JULY, "https://a",
        proposal(ExportStatusValue.BANNED, JULY, "https://b")));
  }

  @Test
  void corroborationNeedsDistinctSourcesOrAnOfficialOne() {
    Corroboration two = new Corroboration(2);
    StatusProposal first = new StatusProposal(ExportStatusValue.BANNED, APRIL, "a", "feed-1", false);
    Set<String> w1 = two.witnesses(null, Set.of(), first);
    assertFalse(two.suffices(w1, first));
    StatusProposal sameFeed = new StatusProposal(ExportStatusValue.BANNED, APRIL, "a2", "feed-1", false);
    assertFalse(two.suffices(two.witnesses(ExportStatusValue.BANNED, w1, sameFeed), sameFeed));
    StatusProposal otherFeed = new StatusProposal(ExportStatusValue.BANNED, APRIL, "b", "feed-2", false);
    assertTrue(two.suffices(two.witnesses(ExportStatusValue.BANNED, w1, otherFeed), otherFeed));
    StatusProposal official = new StatusProposal(ExportStatusValue.BANNED, APRIL, "c", "bis", true);
    assertTrue(two.suffices(two.witnesses(null, Set.of(), official), official));
  }

  private static StatusProposal proposal(ExportStatusValue s, Instant at, String link) {
    return new StatusProposal(s, at, link, "feed", false);
  }
}
