package dev.chipwatch.app.cli;

import dev.chipwatch.schemas.avro.AlertRule;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A rule as a map in the shape rule files use, so `rules list --json` output can be applied again. */
final class RuleJson {
  private RuleJson() {}

  static Map<String, Object> of(AlertRule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.getId());
    m.put("kind", r.getKind().name().toLowerCase(Locale.ROOT));
    putIfAny(m, "items", r.getItems());
    putIfAny(m, "destinations", r.getDestinations());
    putIfAny(m, "statuses", r.getStatuses().stream().map(Enum::name).toList());
    putIfAny(m, "vendors", r.getVendors());
    putIfAny(m, "thresholdsUsd", r.getThresholdsUsd());
    if (r.getDirection() != null) {
      m.put("direction", r.getDirection().name().toLowerCase(Locale.ROOT));
    }
    putIfAny(m, "eventTypes", r.getEventTypes().stream().map(Enum::name).toList());
    if (r.getMinConfidence() != 0.0) {
      m.put("minConfidence", r.getMinConfidence());
    }
    putIfAny(m, "keywords", r.getKeywords());
    m.put("receivers", r.getReceivers());
    m.put("severity", r.getSeverity().name().toLowerCase(Locale.ROOT));
    return m;
  }

  private static void putIfAny(Map<String, Object> m, String key, java.util.List<?> values) {
    if (!values.isEmpty()) {
      m.put(key, values);
    }
  }
}
