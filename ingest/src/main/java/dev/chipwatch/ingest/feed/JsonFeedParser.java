package dev.chipwatch.ingest.feed;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1). */
final class JsonFeedParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonFeedParser() {}

  static ParsedFeed parse(String text, Instant fetchedAt) throws FeedException {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new FeedException(FeedException.Reason.PARSE_ERROR, "unreadable JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.path("version").asText("").startsWith("https://jsonfeed.org/version/")) {
      throw new FeedException(FeedException.Reason.NOT_A_FEED, "JSON, but not a JSON Feed");
    }
    List<FeedItem> items = new ArrayList<>();
    for (JsonNode node : root.path("items")) {
      String html = text(node, "content_html");
      String content = html != null ? html : escapeIfPlain(text(node, "content_text"));
      FeedItem item = FeedItems.item(
          text(node, "url"),
          text(node, "id"),
          escapeIfPlain(text(node, "title")),
          escapeIfPlain(text(node, "summary")),
          content == null ? List.of() : List.of(content),
          date(text(node, "date_published"), text(node, "date_modified")),
          fetchedAt);
      if (item != null) {
        items.add(item);
      }
    }
    return new ParsedFeed(TextCleaner.clean(escapeIfPlain(text(root, "title"))), items);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
  }

  /** Plain-text fields go through the HTML cleaner too: escape them so that "a <b" stays "a <b". */
  private static String escapeIfPlain(String text) {
    return text == null ? null : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static Instant date(String published, String modified) {
    for (String candidate : new String[] {published, modified}) {
      if (candidate != null) {
        try {
          return OffsetDateTime.parse(candidate.strip()).toInstant();
        } catch (DateTimeParseException e) {
          // try the next one; none gives the fetch time
        }
      }
    }
    return null;
  }
}
