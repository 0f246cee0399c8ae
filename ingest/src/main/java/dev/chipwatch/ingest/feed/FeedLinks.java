package dev.chipwatch.ingest.feed;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import org.jdom2.Element;

/**
 * Feed-level links by relation: Atom's own {@code <link rel>}, and the {@code <atom:link rel>} that
 * RSS feeds carry as foreign markup (where WebSub publishers put their hub).
 */
final class FeedLinks {
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  /** Longer is not a URL we will use. */
  private static final int MAX_LENGTH = 2048;

  private FeedLinks() {}

  static String find(SyndFeed feed, String rel) {
    for (SyndLink link : feed.getLinks()) {
      if (rel.equalsIgnoreCase(link.getRel())) {
        String href = usable(link.getHref());
        if (href != null) {
          return href;
        }
      }
    }
    for (Element e : feed.getForeignMarkup()) {
      if ("link".equals(e.getName()) && ATOM.equals(e.getNamespaceURI()) && rel.equalsIgnoreCase(e.getAttributeValue("rel"))) {
        String href = usable(e.getAttributeValue("href"));
        if (href != null) {
          return href;
        }
      }
    }
    return null;
  }

  private static String usable(String href) {
    if (href == null || href.isBlank() || href.length() > MAX_LENGTH) {
      return null;
    }
    return href.strip();
  }
}
