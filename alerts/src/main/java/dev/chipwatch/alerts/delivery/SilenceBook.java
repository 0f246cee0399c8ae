package dev.chipwatch.alerts.delivery;

import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.Silence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The silences in force, as read from the silences topic. An alert is silenced while a silence
 * whose matchers all hold for its labels is between its start and its end; expired silences stop
 * applying on their own. Shared by every receiver's delivery thread.
 */
public final class SilenceBook {
  /** The labels alerts carry (RuleEvaluator): a matcher on any other key could never match, so it is refused. */
  public static final Set<String> LABELS = Set.of("kind", "rule", "severity", "item", "destination", "vendor",
      "from", "to", "event_type", "direction", "threshold");

  private final Map<String, Silence> silences = new ConcurrentHashMap<>();

  public void put(String id, Silence silence) {
    if (silence == null) {
      silences.remove(id);
    } else {
      silences.put(id, silence);
    }
  }

  /** The first silence muting {@code alert} at {@code now}, if any. */
  public Optional<Silence> silencing(Alert alert, Instant now) {
    for (Silence s : silences.values()) {
      if (active(s, now) && matches(s.getMatchers(), alert.getLabels())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public static boolean active(Silence s, Instant now) {
    return !now.isBefore(s.getStartsAt()) && now.isBefore(s.getEndsAt());
  }

  /**
   * Every matcher holds: the label has that value, or one of its comma-separated values does
   * (a policy event on several items carries item=a,b).
   */
  public static boolean matches(Map<String, String> matchers, Map<String, String> labels) {
    if (matchers.isEmpty()) {
      return false; // a silence of everything is refused when made; never mute all by accident
    }
    for (Map.Entry<String, String> m : matchers.entrySet()) {
      String value = labels.get(m.getKey());
      if (value == null || !(value.equals(m.getValue()) || List.of(value.split(",")).contains(m.getValue()))) {
        return false;
      }
    }
    return true;
  }

  /** Problems with matchers a user wrote; empty when they can match something. */
  public static List<String> problems(Map<String, String> matchers) {
    List<String> problems = new ArrayList<>();
    if (matchers.isEmpty()) {
      problems.add("at least one label=value matcher is needed");
    }
    matchers.forEach((key, value) -> {
      if (!LABELS.contains(key)) {
        problems.add("unknown label '" + key + "' (alerts carry " + LABELS.stream().sorted().toList() + ")");
      }
      if (value == null || value.isBlank()) {
        problems.add("label '" + key + "' needs a value");
      }
    });
    return problems;
  }
}
