package dev.chipwatch.alerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chipwatch.schemas.avro.Alert;
import java.time.Instant;

/**
 * An alert as a CloudEvents 1.0 event in structured-mode JSON: for webhooks and for consumers
 * without Avro. The event id is the alert id, so receivers can deduplicate on it.
 */
public final class AlertCloudEvent {

  public static final String CONTENT_TYPE = "application/cloudevents+json";
  public static final String TYPE = "dev.chipwatch.alert.raised";
  public static final String DEFAULT_SOURCE = "/chipwatch/alerts";

  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertCloudEvent() {}

  public static ObjectNode toJson(Alert alert, String source) {
    ObjectNode event = JSON.createObjectNode()
        .put("specversion", "1.0")
        .put("id", alert.getId())
        .put("source", source)
        .put("type", TYPE)
        .put("subject", alert.getSubject())
        .put("time", alert.getRaisedAt().toString())
        .put("datacontenttype", "application/json")
        // Extension attributes: lowercase letters and digits only (CloudEvents 1.0 naming).
        .put("severity", alert.getSeverity().name())
        .put("rulekind", alert.getRuleKind().name())
        .put("ruleid", alert.getRuleId());
    event.set("data", data(alert));
    return event;
  }

  public static byte[] toBytes(Alert alert, String source) {
    try {
      return JSON.writeValueAsBytes(toJson(alert, source));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static ObjectNode data(Alert alert) {
    ObjectNode data = JSON.createObjectNode()
        .put("id", alert.getId())
        .put("ruleId", alert.getRuleId())
        .put("ruleKind", alert.getRuleKind().name())
        .put("severity", alert.getSeverity().name())
        .put("title", alert.getTitle())
        .put("text", alert.getText())
        .put("subject", alert.getSubject())
        .put("previousState", alert.getPreviousState())
        .put("newState", alert.getNewState());
    ObjectNode labels = data.putObject("labels");
    alert.getLabels().forEach(labels::put);
    alert.getEvidence().forEach(data.putArray("evidence")::add);
    alert.getLinks().forEach(data.putArray("links")::add);
    alert.getReceivers().forEach(data.putArray("receivers")::add);
    data.put("occurredAt", iso(alert.getOccurredAt()))
        .put("firstSeenAt", iso(alert.getFirstSeenAt()))
        .put("raisedAt", iso(alert.getRaisedAt()));
    return data;
  }

  private static String iso(Instant at) {
    return at == null ? null : at.toString();
  }
}
