package dev.chipwatch.ingest.feed;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Feed HTML to plain text: markup, scripts, styles and hidden elements dropped, entities decoded. Links stay
 * out of the text: hrefs are markup and go with it, and URLs written out as text are removed too, so that a
 * tagger does not read "nvidia.com/h20-china" in a tracking link as news.
 */
public final class TextCleaner {
  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
  private static final Pattern SPACE = Pattern.compile("\\s+");

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
    String text = doc.body().text().replace('\u00a0', ' ');
    return SPACE.matcher(URL.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
  }
}
