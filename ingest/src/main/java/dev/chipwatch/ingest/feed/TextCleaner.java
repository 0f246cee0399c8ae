package dev.chipwatch.ingest.feed;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Feed HTML to plain text: markup, scripts, styles and hidden elements dropped, entities decoded. */
public final class TextCleaner {
  private TextCleaner() {}

  public static String clean(String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    Document doc = Jsoup.parseBodyFragment(html);
    doc.select("script, style, noscript, template, iframe, object, [hidden], [style*=display:none], [style*=display: none]")
        .remove();
    // block elements end sentences; jsoup's text() would run adjacent paragraphs together
    doc.select("p, div, li, br, h1, h2, h3, h4, h5, h6, blockquote, tr").after(" ");
    return doc.body().text().replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
  }
}
