package dev.chipwatch.alerts.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chipwatch.schemas.avro.Alert;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Block Kit message for one alert or a digest: header, text, fields, evidence quote, links,
 * within Slack's limits (≤ 50 blocks, section text ≤ 3,000 chars, header ≤ 150), plus the plain
 * {@code text} fallback shown in notifications. Every piece of alert text is escaped.
 */
public final class SlackMessageFormat {

  static final int MAX_BLOCKS = 50;
  static final int MAX_SECTION_CHARS = 3000;
  static final int MAX_HEADER_CHARS = 150;
  static final int MAX_FIELD_CHARS = 2000;
  static final int MAX_FALLBACK_CHARS = 3000;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final ObjectMapper json = new ObjectMapper();

  public ObjectNode message(List<Alert> alerts) {
    if (alerts.isEmpty()) {
      throw new IllegalArgumentException("no alerts to format");
    }
    ObjectNode message = json.createObjectNode();
    message.put("text", fallback(alerts));
    ArrayNode blocks = message.putArray("blocks");
    if (alerts.size() == 1) {
      blocks.add(header(alerts.get(0).getTitle()));
      alertBlocks(alerts.get(0), false).forEach(blocks::add);
      return message;
    }
    blocks.add(header("Chipwatch: " + alerts.size() + " alerts"));
    int shown = 0;
    for (Alert alert : alerts) {
      List<ObjectNode> next = alertBlocks(alert, true);
      // Room for a divider, this alert, and the "more not shown" note.
      if (blocks.size() + 1 + next.size() + 1 > MAX_BLOCKS) {
        break;
      }
      blocks.add(divider());
      next.forEach(blocks::add);
      shown++;
    }
    if (shown < alerts.size()) {
      blocks.add(context((alerts.size() - shown) + " more alerts not shown"));
    }
    return message;
  }

  /** The text Slack shows in notifications and where blocks cannot be rendered. */
  static String fallback(List<Alert> alerts) {
    if (alerts.size() == 1) {
      return SlackText.escapeAndCut(alerts.get(0).getTitle(), MAX_FALLBACK_CHARS);
    }
    List<String> titles = new ArrayList<>();
    alerts.forEach(a -> titles.add(a.getTitle()));
    return SlackText.escapeAndCut(alerts.size() + " alerts: " + String.join("; ", titles), MAX_FALLBACK_CHARS);
  }

  private List<ObjectNode> alertBlocks(Alert alert, boolean inDigest) {
    List<ObjectNode> blocks = new ArrayList<>();
    String body = inDigest ? "*" + SlackText.escape(alert.getTitle()) + "*\n" : "";
    blocks.add(section(body + SlackText.escape(withoutQuotedParts(alert))));
    blocks.add(fields(alert));
    if (!alert.getEvidence().isEmpty()) {
      StringBuilder quote = new StringBuilder();
      for (String sentence : alert.getEvidence()) {
        quote.append(quote.length() == 0 ? "" : "\n").append("> ")
            .append(SlackText.escape(sentence).replace("\n", " "));
      }
      blocks.add(section(quote.toString()));
    }
    if (!alert.getLinks().isEmpty()) {
      List<String> links = new ArrayList<>();
      alert.getLinks().forEach(l -> links.add("• " + SlackText.link(l, shortLabel(l))));
      blocks.add(section(String.join("\n", links)));
    }
    blocks.add(context(alert.getSeverity() + " · rule " + alert.getRuleId() + " · alert "
        + alert.getId().substring(0, Math.min(12, alert.getId().length()))));
    return blocks;
  }

  /**
   * The evaluator's text repeats the evidence and sources at its end; Slack shows them in their
   * own blocks, so only the first paragraph goes into the main section.
   */
  private static String withoutQuotedParts(Alert alert) {
    String text = alert.getText();
    int paragraphEnd = text.indexOf("\n\n");
    return paragraphEnd < 0 ? text : text.substring(0, paragraphEnd);
  }

  private ObjectNode fields(Alert alert) {
    ObjectNode section = json.createObjectNode().put("type", "section");
    ArrayNode fields = section.putArray("fields");
    addField(fields, "Severity", alert.getSeverity().name());
    if (alert.getPreviousState() != null || alert.getNewState() != null) {
      String change = (alert.getPreviousState() == null ? "" : alert.getPreviousState() + " → ")
          + (alert.getNewState() == null ? "" : alert.getNewState());
      addField(fields, "Change", change);
    }
    addField(fields, "Subject", alert.getSubject());
    addField(fields, "When", WHEN.format(alert.getOccurredAt()));
    return section;
  }

  private void addField(ArrayNode fields, String name, String value) {
    fields.addObject().put("type", "mrkdwn")
        .put("text", "*" + name + "*\n" + SlackText.escapeAndCut(value, MAX_FIELD_CHARS - name.length() - 3));
  }

  private ObjectNode header(String title) {
    ObjectNode header = json.createObjectNode().put("type", "header");
    header.putObject("text").put("type", "plain_text")
        .put("text", SlackText.escapeAndCut(title, MAX_HEADER_CHARS)).put("emoji", false);
    return header;
  }

  private ObjectNode section(String mrkdwn) {
    ObjectNode section = json.createObjectNode().put("type", "section");
    section.putObject("text").put("type", "mrkdwn").put("text", cut(mrkdwn, MAX_SECTION_CHARS));
    return section;
  }

  private ObjectNode context(String text) {
    ObjectNode context = json.createObjectNode().put("type", "context");
    context.putArray("elements").addObject().put("type", "mrkdwn").put("text", SlackText.escape(text));
    return context;
  }

  private ObjectNode divider() {
    return json.createObjectNode().put("type", "divider");
  }

  /** Cuts already-escaped mrkdwn, backing off an entity or link cut in half. */
  private static String cut(String mrkdwn, int maxChars) {
    if (mrkdwn.length() <= maxChars) {
      return mrkdwn;
    }
    int end = maxChars - 1;
    int open = mrkdwn.lastIndexOf('<', end - 1);
    if (open >= 0 && mrkdwn.indexOf('>', open) >= end) {
      end = open;
    }
    int amp = mrkdwn.lastIndexOf('&', end - 1);
    if (amp >= 0 && amp > end - 5 && mrkdwn.indexOf(';', amp) >= end) {
      end = amp;
    }
    return mrkdwn.substring(0, end) + "…";
  }

  private static String shortLabel(String url) {
    String withoutScheme = url.replaceFirst("^https?://", "");
    return withoutScheme.length() <= 80 ? withoutScheme : withoutScheme.substring(0, 79) + "…";
  }
}
