package dev.chipwatch.enrich.status;

import dev.chipwatch.schemas.avro.ExportStatusValue;
import java.time.Instant;

/**
 * The status one article's event implies for one (item, destination) pair.
 *
 * @param effective when the event takes effect: the date the article gave it, else its publication time
 * @param source the feed the article came from, for corroboration by independent sources
 * @param official true when the source is an official one (government notices), which suffices alone
 */
public record StatusProposal(
    ExportStatusValue status, Instant effective, String link, String source, boolean official) {

  /** Effective-time order, ties broken by link, as contract/export-status.md fixes it. */
  public boolean isBefore(Instant otherEffective, String otherLink) {
    int byTime = effective.compareTo(otherEffective);
    if (byTime != 0) {
      return byTime < 0;
    }
    return nullToEmpty(link).compareTo(nullToEmpty(otherLink)) < 0;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
