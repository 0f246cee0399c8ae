package dev.chipwatch.ingest.kafka;

import dev.chipwatch.schemas.avro.FeedCursor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A feed's cursor as ingest keeps it in memory, with the item ids it has seen reduced to 64-bit
 * fingerprints: a cursor may remember a thousand ids, and as 64-character strings that is about
 * 120 KB per feed, over a gigabyte for ten thousand feeds; as longs it is 8 KB.
 *
 * <p>A fingerprint is the first 16 hex digits of the id (ids are SHA-256 in hex), which is also how
 * new cursors write their ids to Kafka; cursors written with whole ids read the same. Two different
 * ids of one feed share a fingerprint with a probability of about n²/2⁶⁵ — for a thousand ids, one in
 * 10¹³ — in which case the newer item would be taken as seen.
 */
final class KnownCursor {
  private static final int FINGERPRINT_DIGITS = 16;

  private final String etag;
  private final String lastModified;
  private final Instant lastNewItemAt;
  private final Instant updatedAt;
  /** Newest first, as the cursor lists them. */
  private final long[] seen;

  private KnownCursor(FeedCursor cursor) {
    this.etag = cursor.getEtag();
    this.lastModified = cursor.getLastModified();
    this.lastNewItemAt = cursor.getLastNewItemAt();
    this.updatedAt = cursor.getUpdatedAt();
    List<String> ids = cursor.getSeenIds();
    this.seen = new long[ids.size()];
    for (int i = 0; i < seen.length; i++) {
      seen[i] = fingerprint(ids.get(i));
    }
  }

  static KnownCursor of(FeedCursor cursor) {
    return new KnownCursor(cursor);
  }

  String etag() {
    return etag;
  }

  String lastModified() {
    return lastModified;
  }

  Instant lastNewItemAt() {
    return lastNewItemAt;
  }

  Instant updatedAt() {
    return updatedAt;
  }

  int seenCount() {
    return seen.length;
  }

  /** A linear scan: a thousand longs is quicker to search than a hash set is to build, per poll. */
  boolean hasSeen(String itemId) {
    long fp = fingerprint(itemId);
    for (long s : seen) {
      if (s == fp) {
        return true;
      }
    }
    return false;
  }

  /** The seen ids as a cursor record writes them: 16 hex digits each, newest first. */
  List<String> seenIds() {
    List<String> ids = new ArrayList<>(seen.length);
    for (long s : seen) {
      ids.add(text(s));
    }
    return ids;
  }

  /** The form an item id is written in a cursor. */
  static String text(String itemId) {
    return text(fingerprint(itemId));
  }

  static long fingerprint(String id) {
    if (id.length() >= FINGERPRINT_DIGITS && isHex(id)) {
      return Long.parseUnsignedLong(id, 0, FINGERPRINT_DIGITS, 16);
    }
    // not an id this code makes; hashed, so that it still has a stable fingerprint
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      long fp = 0;
      for (int i = 0; i < 8; i++) {
        fp = (fp << 8) | (d[i] & 0xff);
      }
      return fp;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(long fingerprint) {
    String hex = Long.toHexString(fingerprint);
    return "0".repeat(FINGERPRINT_DIGITS - hex.length()) + hex;
  }

  private static boolean isHex(String id) {
    for (int i = 0; i < FINGERPRINT_DIGITS; i++) {
      char c = id.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
