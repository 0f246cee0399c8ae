package dev.chipwatch.alerts.topology;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bumped whenever the rule table processor changes the rule store, so the processors that raise
 * alerts can keep the rules as objects and re-read the store only after a change: reading a store
 * deserialises every rule, which with a thousand rules costs milliseconds per input record.
 */
final class RuleVersion {
  private final AtomicLong version = new AtomicLong();

  void changed() {
    version.incrementAndGet();
  }

  long current() {
    return version.get();
  }
}
