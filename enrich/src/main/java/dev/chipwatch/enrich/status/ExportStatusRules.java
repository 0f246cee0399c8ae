package dev.chipwatch.enrich.status;

import dev.chipwatch.enrich.tagging.EventKind;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import java.time.Instant;
import java.util.Optional;

/** How events move an (item, destination) export status; contract/export-status.md. */
public final class ExportStatusRules {
  /** What a proposal does to the pair's current status. */
  public enum Outcome {
    /** the status changes */
    CHANGE,
    /** the status is already what the event says */
    SAME,
    /** took effect before the current status did (a late article, a recap): it must not overwrite it */
    STALE
  }

  private ExportStatusRules() {}

  /** The status an event type implies, or empty for events that leave export status alone. */
  public static Optional<ExportStatusValue> impliedStatus(EventKind kind) {
    return switch (kind) {
      case EXPORT_BAN -> Optional.of(ExportStatusValue.BANNED);
      case EXPORT_LICENSE_REQUIRED -> Optional.of(ExportStatusValue.RESTRICTED);
      case EXPORT_ALLOWED -> Optional.of(ExportStatusValue.ALLOWED);
      default -> Optional.empty();
    };
  }

  /**
   * Whether a proposal takes effect after {@code now}: a change announced for a later date, held
   * until then.
   */
  public static boolean isScheduled(StatusProposal p, Instant now) {
    return p.effective().isAfter(now);
  }

  /**
   * @param current the pair's status, or null when never seen (UNKNOWN)
   * @param currentSince when the current status took effect
   * @param currentLink that article's link
   */
  public static Outcome decide(ExportStatusValue current, Instant currentSince, String currentLink, StatusProposal p) {
    if (current == null || current == ExportStatusValue.UNKNOWN) {
      return p.status() == ExportStatusValue.UNKNOWN ? Outcome.SAME : Outcome.CHANGE;
    }
    if (p.isBefore(currentSince, currentLink)) {
      return Outcome.STALE;
    }
    return p.status() == current ? Outcome.SAME : Outcome.CHANGE;
  }
}
