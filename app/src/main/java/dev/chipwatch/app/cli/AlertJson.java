package dev.chipwatch.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chipwatch.schemas.avro.Alert;
import java.util.LinkedHashMap;
import java.util.Map;

/** An alert as one line of JSON, for subscribers that do not read Avro. */
final class AlertJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertJson() {}

  static String of(Alert a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.getId());
    m.put("ruleId", a.getRuleId());
    m.put("kind", a.getRuleKind().name());
    m.put("severity", a.getSeverity().name());
    m.put("title", a.getTitle());
    m.put("text", a.getText());
    m.put("subject", a.getSubject());
    m.put("previousState", a.getPreviousState());
    m.put("newState", a.getNewState());
    m.put("labels", a.getLabels());
    m.put("evidence", a.getEvidence());
    m.put("links", a.getLinks());
    m.put("occurredAt", a.getOccurredAt().toString());
    m.put("raisedAt", a.getRaisedAt().toString());
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
