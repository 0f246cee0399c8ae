package dev.chipwatch.alerts.rules;

import java.util.List;

/** A rule file or rule that was refused, with every reason found (not just the first). */
public final class InvalidRulesException extends Exception {

  private final List<String> reasons;

  public InvalidRulesException(List<String> reasons) {
    super(reasons.size() == 1 ? reasons.get(0)
        : reasons.size() + " problems:\n  " + String.join("\n  ", reasons));
    this.reasons = List.copyOf(reasons);
  }

  public List<String> reasons() {
    return reasons;
  }
}
