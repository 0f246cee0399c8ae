package dev.chipwatch.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chipwatch.schemas.avro.Alert;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prints alerts for a person (title, body, sources) or as one JSON object per line. */
final class AlertPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter out;
  private final boolean json;

  AlertPrinter(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  void print(Alert alert, String note) {
    if (json) {
      out.println(toJson(alert));
    } else {
      out.println();
      out.println("== " + alert.getSeverity() + " == " + alert.getTitle() + (note == null ? "" : "  (" + note + ")"));
      out.println(alert.getText().strip().indent(3).stripTrailing());
    }
    out.flush();
  }

  static String toJson(Alert a) {
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
