package dev.chipwatch.enrich.status;

import dev.chipwatch.schemas.avro.ExportStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read-time inheritance: a member (B200) takes its family's or vendor's status (Blackwell, Nvidia)
 * unless it has a newer status of its own.
 */
public final class StatusInheritance {
  private final Function<String, List<String>> ancestors;

  /** @param ancestors item id to its family then vendor ids */
  public StatusInheritance(Function<String, List<String>> ancestors) {
    this.ancestors = ancestors;
  }

  /** @param lookup reads the stored status of an exact (item, destination) pair */
  public Optional<ExportStatus> effective(String item, String destination,
      java.util.function.BiFunction<String, String, ExportStatus> lookup) {
    ExportStatus best = lookup.apply(item, destination);
    for (String ancestor : ancestors.apply(item)) {
      ExportStatus inherited = lookup.apply(ancestor, destination);
      if (inherited != null && (best == null || inherited.getSince().isAfter(best.getSince()))) {
        best = inherited;
      }
    }
    return Optional.ofNullable(best);
  }
}
