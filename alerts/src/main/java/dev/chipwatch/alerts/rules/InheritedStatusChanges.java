package dev.chipwatch.alerts.rules;

import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.ExportStatus;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import dev.chipwatch.schemas.avro.RuleKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Read-time inheritance for rules: when a family or vendor changes status (Blackwell to China
 * banned), a rule that names one of its members (B200) hears of it as a change of that member,
 * unless the member has a newer status of its own. Only rules naming the member explicitly are
 * asked, so a catch-all rule does not hear of each member again.
 */
public final class InheritedStatusChanges {
  private final RuleEvaluator evaluator;
  private final StatusInheritance inheritance;

  public InheritedStatusChanges(RuleEvaluator evaluator, StatusInheritance inheritance) {
    this.evaluator = evaluator;
    this.inheritance = inheritance;
  }

  /**
   * @param ownStatus the stored status of an exact (item, destination) pair, or null
   * @return alerts for rules naming members of the changed item, one per (rule, member)
   */
  public List<Alert> alerts(Collection<AlertRule> rules, ExportStatusChange change,
      BiFunction<String, String, ExportStatus> ownStatus) {
    List<Alert> alerts = new ArrayList<>();
    for (String member : inheritance.descendants(change.getItem())) {
      List<AlertRule> naming = rules.stream()
          .filter(r -> r.getKind() == RuleKind.EXPORT_STATUS && r.getItems().contains(member))
          .toList();
      if (naming.isEmpty()) {
        continue;
      }
      ExportStatus own = ownStatus.apply(member, change.getDestination());
      if (own != null && own.getSince().isAfter(change.getAt())) {
        continue; // the member's own, newer status wins
      }
      var from = own != null ? own.getStatus() : change.getFrom();
      if (from == change.getTo()) {
        continue;
      }
      ExportStatusChange inherited = ExportStatusChange.newBuilder(change)
          .setItem(member)
          .setFrom(from)
          .setEvidence(change.getEvidence().isBlank() ? "" : change.getEvidence()
              + " (" + DisplayNames.item(member) + " inherits the status of " + DisplayNames.item(change.getItem()) + ")")
          .build();
      alerts.addAll(evaluator.onStatusChange(naming, inherited));
    }
    return alerts;
  }
}
