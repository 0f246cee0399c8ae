package dev.chipwatch.ingest.feed;

/**
 * A linear pre-scan of element nesting. JDOM checks ancestry on every insert, so building a tree of depth d
 * costs d²: a 1 MB document of nested elements pins a core for a minute, and deeper ones overflow the stack in
 * ROME. Feeds nest a few dozen levels; anything past {@link #MAX_DEPTH} is refused before parsing.
 */
final class XmlNesting {
  static final int MAX_DEPTH = 500;

  private XmlNesting() {}

  /** True when no element in {@code xml} is nested deeper than {@code limit}; markup inside CDATA is not counted. */
  static boolean withinDepth(String xml, int limit) {
    int depth = 0;
    int i = xml.indexOf('<');
    while (i >= 0 && i < xml.length()) {
      int end;
      if (xml.startsWith("<!--", i)) {
        end = after(xml, "-->", i + 4);
      } else if (xml.startsWith("<![CDATA[", i)) {
        end = after(xml, "]]>", i + 9);
      } else if (xml.startsWith("<?", i)) {
        end = after(xml, "?>", i + 2);
      } else if (xml.startsWith("</", i)) {
        depth--;
        end = after(xml, ">", i + 2);
      } else {
        end = endOfTag(xml, i + 1);
        boolean selfClosing = end >= 2 && xml.charAt(end - 2) == '/';
        if (!selfClosing && ++depth > limit) {
          return false;
        }
      }
      i = end >= xml.length() ? -1 : xml.indexOf('<', end);
    }
    return true;
  }

  /** Index just past the {@code >} closing a start tag, skipping quoted attribute values. */
  private static int endOfTag(String xml, int from) {
    char quote = 0;
    for (int k = from; k < xml.length(); k++) {
      char c = xml.charAt(k);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return k + 1;
      }
    }
    return xml.length();
  }

  private static int after(String xml, String marker, int from) {
    int at = xml.indexOf(marker, from);
    return at < 0 ? xml.length() : at + marker.length();
  }
}
