package dev.chipwatch.enrich.status;

import dev.chipwatch.schemas.avro.ExportStatusValue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether enough independent sources report a new status for it to count: N distinct feeds, or
 * one official source. With N = 1 (the default) every report counts at once.
 */
public final class Corroboration {
  private final int sourcesNeeded;

  public Corroboration(int sourcesNeeded) {
    if (sourcesNeeded < 1) {
      throw new IllegalArgumentException("sources needed must be at least 1");
    }
    this.sourcesNeeded = sourcesNeeded;
  }

  /** Sources that have reported {@code status} so far, this proposal included. */
  public Set<String> witnesses(ExportStatusValue pendingStatus, Set<String> pendingSources, StatusProposal p) {
    Set<String> sources = new TreeSet<>();
    if (pendingStatus == p.status()) {
      sources.addAll(pendingSources);
    }
    sources.add(p.source());
    return sources;
  }

  public boolean suffices(Set<String> witnesses, StatusProposal p) {
    return p.official() || witnesses.size() >= sourcesNeeded;
  }
}
