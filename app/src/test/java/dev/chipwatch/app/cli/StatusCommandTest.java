package dev.chipwatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.schemas.avro.ExportStatus;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import dev.chipwatch.schemas.avro.ScheduledStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How `chipwatch status` shows a pair: its status since when, and a change announced for later as pending. */
class StatusCommandTest {
  private static ExportStatus.Builder row(ExportStatusValue status, Instant since) {
    return ExportStatus.newBuilder().setItem("nvidia-h20").setDestination("CN").setStatus(status).setSince(since)
        .setArticleId("a").setLink("https://example.org/a");
  }

  @Test
  void aScheduledChangeShowsAsPending() {
    String line = StatusCommand.line("nvidia-h20", "CN", Optional.of(row(ExportStatusValue.ALLOWED,
        Instant.parse("2025-07-15T00:00:00Z")).setScheduled(new ScheduledStatus(ExportStatusValue.BANNED,
            Instant.parse("2025-08-15T00:00:00Z"), "https://example.org/rule")).build()));
    assertTrue(line.contains("ALLOWED") && line.contains("since 2025-07-15T00:00:00Z"), line);
    assertTrue(line.endsWith("pending: BANNED from 2025-08-15T00:00:00Z (https://example.org/rule)"), line);
  }

  @Test
  void aPairNeverSeenButScheduledShowsNoSince() {
    ExportStatus unknown = row(ExportStatusValue.UNKNOWN, Instant.EPOCH).setArticleId("").setLink(null)
        .setScheduled(new ScheduledStatus(ExportStatusValue.RESTRICTED, Instant.parse("2026-05-15T00:00:00Z"), null)).build();
    String line = StatusCommand.line("nvidia-h20", "CN", Optional.of(unknown));
    assertTrue(!line.contains("since"), line);
    assertTrue(line.endsWith("pending: RESTRICTED from 2026-05-15T00:00:00Z"), line);
    assertEquals("nvidia-h20               CN  UNKNOWN", StatusCommand.line("nvidia-h20", "CN", Optional.empty()).strip());
  }
}
