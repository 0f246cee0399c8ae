package dev.chipwatch.alerts.notify;

import dev.chipwatch.schemas.avro.Alert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/** Subject, plain-text and HTML bodies for one alert or a digest. */
final class EmailFormat {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final int MAX_SUBJECT_CHARS = 200;

  private EmailFormat() {}

  static String subject(List<Alert> alerts) {
    Alert first = alerts.get(0);
    String subject = alerts.size() == 1
        ? "[" + first.getSeverity() + "] " + first.getTitle()
        : "[Chipwatch] " + alerts.size() + " alerts: " + first.getTitle() + " (+" + (alerts.size() - 1) + " more)";
    // Line breaks in a header would let article text add headers of its own.
    subject = subject.replaceAll("[\\r\\n\\t]+", " ");
    return subject.length() <= MAX_SUBJECT_CHARS ? subject : subject.substring(0, MAX_SUBJECT_CHARS - 1) + "…";
  }

  static String text(List<Alert> alerts) {
    StringBuilder text = new StringBuilder();
    for (Alert alert : alerts) {
      if (text.length() > 0) {
        text.append("\n\n----------------------------------------\n\n");
      }
      text.append(alert.getTitle()).append("\n\n").append(alert.getText()).append("\n\n")
          .append("Severity: ").append(alert.getSeverity())
          .append(" · Rule: ").append(alert.getRuleId())
          .append(" · When: ").append(WHEN.format(alert.getOccurredAt()))
          .append("\nAlert id: ").append(alert.getId());
    }
    return text.append('\n').toString();
  }

  static String html(List<Alert> alerts) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
    for (Alert alert : alerts) {
      html.append("<h2>").append(escape(alert.getTitle())).append("</h2>");
      String text = alert.getText();
      int paragraphEnd = text.indexOf("\n\n");
      html.append("<p>").append(escape(paragraphEnd < 0 ? text : text.substring(0, paragraphEnd))).append("</p>");
      html.append("<table><tr><td><b>Severity</b></td><td>").append(alert.getSeverity()).append("</td></tr>");
      if (alert.getPreviousState() != null || alert.getNewState() != null) {
        html.append("<tr><td><b>Change</b></td><td>")
            .append(escape(alert.getPreviousState() == null ? "" : alert.getPreviousState() + " → "))
            .append(escape(alert.getNewState() == null ? "" : alert.getNewState())).append("</td></tr>");
      }
      html.append("<tr><td><b>When</b></td><td>").append(WHEN.format(alert.getOccurredAt())).append("</td></tr>")
          .append("</table>");
      for (String sentence : alert.getEvidence()) {
        html.append("<blockquote>").append(escape(sentence)).append("</blockquote>");
      }
      if (!alert.getLinks().isEmpty()) {
        html.append("<ul>");
        for (String link : alert.getLinks()) {
          html.append("<li>").append(link(link)).append("</li>");
        }
        html.append("</ul>");
      }
      html.append("<p style=\"color:#888;font-size:small\">Rule ").append(escape(alert.getRuleId()))
          .append(" · alert ").append(escape(alert.getId())).append("</p><hr>");
    }
    return html.append("</body></html>").toString();
  }

  /**
   * The same alerts always get the same Message-ID, so a resend after a crash threads with (and
   * in many clients collapses into) the first copy.
   */
  static String messageId(List<Alert> alerts) {
    String id = alerts.size() == 1 ? alerts.get(0).getId() : digest(alerts);
    return "<" + id + "@alerts.chipwatch>";
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Only http(s) links become anchors: a javascript: link from a feed stays inert text. */
  private static String link(String url) {
    if (url.startsWith("https://") || url.startsWith("http://")) {
      return "<a href=\"" + escape(url) + "\">" + escape(url) + "</a>";
    }
    return escape(url);
  }

  private static String digest(List<Alert> alerts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Alert alert : alerts) {
        sha.update(alert.getId().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
