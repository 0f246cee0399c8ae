package dev.chipwatch.ingest.feed;

/**
 * What a decoded document starts with, read without an XML parser: BOM-free text is scanned past
 * whitespace, processing instructions, comments and a DOCTYPE to the root element. Lets the parser tell
 * HTML and JSON from feeds, and see a DOCTYPE before any XML parser does.
 *
 * @param kind what the document looks like
 * @param root the root element's name for XML and HTML, else null
 * @param doctypeStart index of {@code <!DOCTYPE}, or -1
 * @param doctypeEnd index just past the DOCTYPE's {@code >}, or -1 when it has an internal subset or no end
 * @param internalSubset true when the DOCTYPE has a {@code [...]} part, where entities are declared
 */
record DocumentHead(Kind kind, String root, int doctypeStart, int doctypeEnd, boolean internalSubset) {
  enum Kind { EMPTY, XML, HTML, JSON, OTHER }

  boolean hasDoctype() {
    return doctypeStart >= 0;
  }

  static DocumentHead of(String text) {
    int i = skipSpace(text, 0);
    int doctypeStart = -1;
    int doctypeEnd = -1;
    boolean internalSubset = false;
    String doctypeName = null;
    while (i < text.length()) {
      if (text.startsWith("<?", i)) {
        i = after(text, "?>", i + 2);
      } else if (text.startsWith("<!--", i)) {
        i = after(text, "-->", i + 4);
      } else if (text.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
        doctypeStart = i;
        int nameStart = skipSpace(text, i + 9);
        doctypeName = name(text, nameStart);
        int k = nameStart;
        char quote = 0;
        for (; k < text.length(); k++) {
          char c = text.charAt(k);
          if (quote != 0) {
            quote = c == quote ? 0 : quote;
          } else if (c == '"' || c == '\'') {
            quote = c;
          } else if (c == '[') {
            internalSubset = true;
            break;
          } else if (c == '>') {
            doctypeEnd = k + 1;
            break;
          }
        }
        if (internalSubset || doctypeEnd < 0) {
          boolean html = "html".equalsIgnoreCase(doctypeName);
          return new DocumentHead(html ? Kind.HTML : Kind.XML, null, doctypeStart, -1, internalSubset);
        }
        i = doctypeEnd;
      } else if (text.charAt(i) == '<') {
        String root = name(text, i + 1);
        boolean html = "html".equalsIgnoreCase(localName(root)) || "html".equalsIgnoreCase(doctypeName);
        Kind kind = html ? Kind.HTML : root.isEmpty() ? Kind.OTHER : Kind.XML;
        return new DocumentHead(kind, root, doctypeStart, doctypeEnd, false);
      } else if (text.charAt(i) == '{') {
        return new DocumentHead(Kind.JSON, null, doctypeStart, doctypeEnd, false);
      } else {
        return new DocumentHead(Kind.OTHER, null, doctypeStart, doctypeEnd, false);
      }
      i = skipSpace(text, i);
    }
    Kind kind = "html".equalsIgnoreCase(doctypeName) ? Kind.HTML : Kind.EMPTY;
    return new DocumentHead(kind, null, doctypeStart, doctypeEnd, false);
  }

  /** The text with a harmless DOCTYPE (no internal subset) cut out. */
  String withoutDoctype(String text) {
    if (!hasDoctype() || doctypeEnd < 0) {
      return text;
    }
    return text.substring(0, doctypeStart) + text.substring(doctypeEnd);
  }

  private static int after(String text, String end, int from) {
    int at = text.indexOf(end, from);
    return at < 0 ? text.length() : at + end.length();
  }

  private static int skipSpace(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String name(String text, int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == ':' || c == '_' || c == '-' || c == '.')) {
        break;
      }
      i++;
    }
    return text.substring(from, i);
  }

  private static String localName(String name) {
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(colon + 1);
  }
}
