package dev.chipwatch.ingest.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.chipwatch.ingest.feed.FeedException.Reason;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 (with ROME) and JSON Feed into cleaned {@link FeedItem}s.
 *
 * <p>Hostile input: the charset is chosen here ({@link FeedCharset}) and ROME is given characters, so
 * RFC 3023's US-ASCII default cannot garble UTF-8. A DOCTYPE with an internal subset, where XXE and entity
 * expansion live, is refused before any XML parser sees it; a DOCTYPE without one (RSS 0.91's Netscape DTD)
 * is cut out, so nothing is ever fetched, and ROME keeps refusing DOCTYPEs as a second line. HTML is
 * recognised and reported as NOT_A_FEED. Every failure is a classified {@link FeedException}.
 */
public final class FeedParser {
  private static final Pattern INVALID_XML_CHARS = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]");

  public ParsedFeed parse(byte[] body, String contentType, Instant fetchedAt) throws FeedException {
    if (body == null || body.length == 0) {
      throw new FeedException(Reason.NOT_A_FEED, "empty document");
    }
    // leniency that costs nothing: whitespace before the XML declaration and control characters XML forbids
    String text = INVALID_XML_CHARS.matcher(FeedCharset.decode(body, contentType)).replaceAll("").stripLeading();
    DocumentHead head = DocumentHead.of(text);
    switch (head.kind()) {
      case EMPTY:
        throw new FeedException(Reason.NOT_A_FEED, "empty document (no root element)");
      case HTML:
        throw new FeedException(Reason.NOT_A_FEED, "an HTML page, not a feed");
      case JSON:
        return JsonFeedParser.parse(text, fetchedAt);
      case OTHER:
        throw new FeedException(Reason.NOT_A_FEED, "neither XML nor JSON");
      default:
        break;
    }
    if (head.internalSubset()) {
      throw new FeedException(Reason.FORBIDDEN_DOCTYPE, "DOCTYPE with an internal subset (entity declarations) refused");
    }
    if (head.hasDoctype() && head.doctypeEnd() < 0) {
      throw new FeedException(Reason.PARSE_ERROR, "unterminated DOCTYPE");
    }
    String xml = head.withoutDoctype(text);
    if (!XmlNesting.withinDepth(xml, XmlNesting.MAX_DEPTH)) {
      throw new FeedException(Reason.PARSE_ERROR, "elements nested deeper than " + XmlNesting.MAX_DEPTH + " levels");
    }
    SyndFeed feed = build(xml, contentType);
    List<FeedItem> items = new ArrayList<>();
    for (SyndEntry entry : feed.getEntries()) {
      FeedItem item = toItem(entry, fetchedAt);
      if (item != null) {
        items.add(item);
      }
    }
    return new ParsedFeed(TextCleaner.clean(feed.getTitle()), items, FeedLinks.find(feed, "hub"),
        FeedLinks.find(feed, "self"));
  }

  private static SyndFeed build(String xml, String contentType) throws FeedException {
    SyndFeedInput input = new SyndFeedInput();
    input.setAllowDoctypes(false);
    try {
      return input.build(new StringReader(xml));
    } catch (IllegalArgumentException e) {
      // ROME: no parser for this root element
      throw new FeedException(Reason.NOT_A_FEED, "XML, but not RSS or Atom", e);
    } catch (com.rometools.rome.io.FeedException e) {
      throw classifyXmlError(e, contentType);
    } catch (RuntimeException | StackOverflowError e) {
      // a module parser tripping over odd markup, or absurd nesting: this feed is broken, the pipeline is not
      throw new FeedException(Reason.PARSE_ERROR, "feed parser failed: " + e.getClass().getSimpleName(), e);
    }
  }

  private static FeedException classifyXmlError(Exception e, String contentType) {
    String message = firstLine(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("doctype")) {
      return new FeedException(Reason.FORBIDDEN_DOCTYPE, "DOCTYPE refused", e);
    }
    if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/html")) {
      return new FeedException(Reason.NOT_A_FEED, "served as text/html and not well-formed XML", e);
    }
    if (lower.contains("must start and end within the same entity") || lower.contains("premature end of file")) {
      return new FeedException(Reason.PARSE_ERROR, "truncated document", e);
    }
    return new FeedException(Reason.PARSE_ERROR, "malformed XML: " + message, e);
  }

  private static FeedItem toItem(SyndEntry entry, Instant fetchedAt) {
    List<String> contents = new ArrayList<>();
    for (SyndContent content : entry.getContents()) {
      contents.add(content.getValue());
    }
    Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
    return FeedItems.item(
        entry.getLink(),
        entry.getUri(),
        entry.getTitle(),
        entry.getDescription() == null ? null : entry.getDescription().getValue(),
        contents,
        date == null ? null : date.toInstant(),
        fetchedAt);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable XML";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
