package dev.chipwatch.alerts.rules;

import dev.chipwatch.schemas.avro.EventType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Wording shared by the alert titles and plain-text bodies the evaluator writes. */
final class AlertTexts {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final int MAX_NAMES_IN_TITLE = 4;
  static final int MAX_QUOTED_CHARS = 300;

  private AlertTexts() {}

  static String when(Instant at) {
    return at == null ? "an unknown time" : WHEN.format(at);
  }

  static String eventType(EventType type) {
    return switch (type) {
      case EXPORT_BAN -> "Export ban";
      case EXPORT_LICENSE_REQUIRED -> "Export licence required";
      case EXPORT_ALLOWED -> "Export allowed";
      case IMPORT_RESTRICTION -> "Import restriction";
      case ENTITY_LIST -> "Entity list addition";
      case TARIFF -> "Tariff";
      case MATERIALS_EXPORT_BAN -> "Materials export ban";
      case OTHER -> "Policy event";
    };
  }

  /** "Nvidia H20, AMD MI308 and 3 more": titles stay short however many items an event names. */
  static String itemList(List<String> ids) {
    List<String> names = ids.stream().map(DisplayNames::item).toList();
    if (names.size() <= MAX_NAMES_IN_TITLE) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, MAX_NAMES_IN_TITLE))
        + " and " + (names.size() - MAX_NAMES_IN_TITLE) + " more";
  }

  static String shorten(String text, int maxChars) {
    String oneLine = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    if (oneLine.length() <= maxChars) {
      return oneLine;
    }
    return oneLine.substring(0, maxChars - 1).stripTrailing() + "…";
  }

  static void appendEvidence(StringBuilder text, List<String> evidence) {
    for (String sentence : evidence) {
      text.append("\n\n“").append(sentence).append('”');
    }
  }

  /** "Sources:" block; pairs each link with its article title when the counts line up. */
  static void appendSources(StringBuilder text, List<String> links, List<String> titles) {
    if (links.isEmpty()) {
      return;
    }
    text.append("\n\nSources:");
    for (int i = 0; i < links.size(); i++) {
      text.append("\n- ");
      if (titles.size() == links.size() && !titles.get(i).isBlank()) {
        text.append(shorten(titles.get(i), 200)).append(" — ");
      }
      text.append(links.get(i));
    }
  }
}
