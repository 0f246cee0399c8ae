package dev.chipwatch.enrich.status;

import dev.chipwatch.schemas.avro.ExportStatusValue;
import java.time.Instant;

/**
 * The status one article's event implies for one (item, destination) pair.
 *
 * @param source the feed the article came from, for corroboration by independent sources
 * @param official true when the source is an official one (government notices), which suffices alone
 */
public record StatusProposal(
    ExportStatusValue status, Instant published, String link, String source, boolean official) {

  /** Publication order, ties broken by link, as contract/export-status.md fixes it. */
  public boolean isBefore(Instant otherPublished, String otherLink) {
    int byTime = published.compareTo(otherPublished);
    if (byTime != 0) {
      return byTime < 0;
    }
    return nullToEmpty(link).compareTo(nullToEmpty(otherLink)) < 0;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
