package dev.chipwatch.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.ingest.feed.FeedItem;
import dev.chipwatch.ingest.feed.ParsedFeed;
import dev.chipwatch.ingest.feed.Validators;
import dev.chipwatch.schemas.avro.FeedCursor;
import dev.chipwatch.schemas.avro.FeedSource;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KnownCursorTest {
  private static final String ID_A = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final String ID_B = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  private static FeedCursor cursor(List<String> ids) {
    return FeedCursor.newBuilder().setFeedId("f").setEtag("\"e\"").setSeenIds(ids).setUpdatedAt(AT).build();
  }

  @Test
  void cursorsWithWholeIdsAndWithFingerprintsReadAlike() {
    KnownCursor whole = KnownCursor.of(cursor(List.of(ID_A)));
    KnownCursor short16 = KnownCursor.of(cursor(List.of("9f86d081884c7d65")));
    assertTrue(whole.hasSeen(ID_A));
    assertTrue(short16.hasSeen(ID_A));
    assertFalse(whole.hasSeen(ID_B));
    assertEquals(List.of("9f86d081884c7d65"), whole.seenIds());
    assertEquals("\"e\"", whole.etag());
    assertNull(whole.lastNewItemAt());
  }

  @Test
  void idsThisCodeDoesNotMakeStillHaveAStableFingerprint() {
    String odd = "urn:guid:Not-Hex-At-All";
    String text = KnownCursor.text(odd);
    assertEquals(16, text.length());
    assertTrue(KnownCursor.of(cursor(List.of(text))).hasSeen(odd));
    assertFalse(KnownCursor.of(cursor(List.of(text))).hasSeen("urn:guid:another"));
    assertEquals("000000000000000a", KnownCursor.text("000000000000000a" + "f".repeat(48)), "leading zeros kept");
  }

  @Test
  void theNextCursorListsCurrentItemsFirstThenOlderOnesBounded() {
    List<FeedItem> items = IntStream.range(0, 3).mapToObj(i -> new FeedItem(String.format("%016x", i + 1) + "0".repeat(48), null, null,
        "t", "", "", AT, false)).toList();
    List<String> older = IntStream.range(0, 2000).mapToObj(i -> String.format("%016x", 1_000_000 + i)).toList();
    FeedCursor next = FeedPoller.nextCursor(FeedSource.newBuilder().setId("f").setUrl("https://x.example/")
            .setAddedAt(AT).build(), KnownCursor.of(cursor(older)),
        new FeedReader.Reading(new ParsedFeed("t", items), new Validators("\"2\"", null)), items, AT);
    assertEquals(FeedPoller.SEEN_IDS_KEPT, next.getSeenIds().size());
    assertEquals(List.of("0000000000000001", "0000000000000002", "0000000000000003"), next.getSeenIds().subList(0, 3));
    assertEquals(String.format("%016x", 1_000_000), next.getSeenIds().get(3));
    assertEquals(AT, next.getLastNewItemAt());
    assertEquals("\"2\"", next.getEtag());
  }
}
