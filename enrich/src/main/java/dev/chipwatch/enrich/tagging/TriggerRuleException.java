package dev.chipwatch.enrich.tagging;

/** A trigger rules file that cannot be used; the message names the file, the rule id and the problem. */
public final class TriggerRuleException extends RuntimeException {
  public TriggerRuleException(String message) {
    super(message);
  }

  public TriggerRuleException(String message, Throwable cause) {
    super(message, cause);
  }
}
