package dev.chipwatch.alerts.rules;

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
  private final Function<String, List<String>> descendants;

  /**
   * @param ancestors item id to its family then vendor ids
   * @param descendants item id to the items that inherit from it (a family's chips; a vendor's families and chips)
   */
  public StatusInheritance(Function<String, List<String>> ancestors, Function<String, List<String>> descendants) {
    this.ancestors = ancestors;
    this.descendants = descendants;
  }

  public List<String> descendants(String item) {
    return descendants.apply(item);
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
