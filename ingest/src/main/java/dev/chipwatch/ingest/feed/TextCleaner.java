package dev.chipwatch.ingest.feed;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Feed HTML to plain text: markup, scripts, styles and hidden elements dropped, entities decoded. Links stay
 * out of the text: hrefs are markup and go with it, and URLs written out as text are removed too, so that a
 * tagger does not read "nvidia.com/h20-china" in a tracking link as news.
 *
 * <p>One read-only pass over the tree: editing it (removing scripts, inserting spaces after blocks) costs
 * jsoup a re-index of the parent per edit, quadratic on hostile input (200k sibling divs took 20 s).
 */
public final class TextCleaner {
  private static final int MAX_DEPTH = 256;
  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
  private static final char PARAGRAPH = '\u2029';
  private static final Pattern SPACE = Pattern.compile("[\\s\u2029]+");
  private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t\\r\\f]*\\n");
  /**
   * A single line break in plain text ends a paragraph after a sentence's end, or after a short line
   * (a headline, a byline, a dateline) when a capital follows; elsewhere it is a wrapped line.
   */
  private static final Pattern LINE_OF_ITS_OWN = Pattern.compile(
      "(?m)((?:[.!?:\"\u201d\u2019)]|^[^\\n,;]{0,60}[^\\s,;]"
          // the text's first line, up to a headline's length, when it does not stop mid-phrase
          + "|\\A[ \\t]*[^\\n]{0,160}[^\\s,;(\\-](?<!\\b(?:the|a|an|of|to|and|or|in|on|for|with|by|at|from|as|that)))[ \\t]*)"
          + "\\r?\\n(?=[ \\t]*[\\p{Lu}\\d\"\u201c'])"
          // a list item of its own: "\n- The rule ...", "\n• Licences ..."
          + "|()\\r?\\n(?=[ \\t]*[-\u2022*\u25aa] )");
  private static final Set<String> DROPPED = Set.of("script", "style", "noscript", "template", "iframe", "object",
      "head", "svg", "math");
  /** Elements that end a run of text: without a space, adjacent paragraphs would run together. */
  private static final Set<String> BREAKING = Set.of("p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6",
      "blockquote", "tr", "td", "th", "ul", "ol", "dt", "dd", "section", "article", "figcaption", "hr", "pre");

  private TextCleaner() {}

  public static String clean(String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
      return plain(html); // most titles: nothing for jsoup to do
    }
    // a bounded depth keeps jsoup's tree builder linear on absurd nesting
    Element body = Jsoup.parse(html, "", Parser.htmlParser().setMaxDepth(MAX_DEPTH)).body();
    StringBuilder text = new StringBuilder(html.length());
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof TextNode) {
          text.append(((TextNode) node).getWholeText());
        } else if (node instanceof Element) {
          Element element = (Element) node;
          if (DROPPED.contains(element.normalName()) || isHidden(element)) {
            return FilterResult.SKIP_ENTIRELY;
          }
          if (BREAKING.contains(element.normalName())) {
            text.append(breakOf(element));
          }
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        if (node instanceof Element && BREAKING.contains(((Element) node).normalName())) {
          text.append(breakOf((Element) node));
        }
        return FilterResult.CONTINUE;
      }
    }, body);
    return plain(text.toString());
  }

  /** A block ends a paragraph; a line break inside one is only a space. */
  private static char breakOf(Element element) {
    return element.normalName().equals("br") ? ' ' : PARAGRAPH;
  }

  /**
   * Runs of white space become one space, or one line break where they hold a paragraph's end (a block
   * element, or a blank line in plain text): sentences never run on across paragraphs, a headline
   * glued to the story's first line included.
   */
  private static String plain(String text) {
    String spaced = BLANK_LINE.matcher(text.replace('\u00a0', ' ')).replaceAll(String.valueOf(PARAGRAPH));
    spaced = LINE_OF_ITS_OWN.matcher(spaced)
        .replaceAll(m -> java.util.regex.Matcher.quoteReplacement((m.group(1) != null ? m.group(1) : "") + PARAGRAPH));
    return SPACE.matcher(URL.matcher(spaced).replaceAll(" "))
        .replaceAll(m -> m.group().indexOf(PARAGRAPH) >= 0 ? "\n" : " ").strip();
  }

  private static boolean isHidden(Element element) {
    if (element.hasAttr("hidden")) {
      return true;
    }
    String style = element.attr("style");
    return !style.isEmpty() && style.toLowerCase(Locale.ROOT).replace(" ", "").contains("display:none");
  }
}
