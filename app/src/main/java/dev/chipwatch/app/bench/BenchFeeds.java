package dev.chipwatch.app.bench;

import java.nio.charset.StandardCharsets;

/** Synthetic RSS documents of a chosen size, shaped like real news feeds (HTML descriptions, dates, links). */
final class BenchFeeds {
  private static final String PARAGRAPH = "<p>Nvidia said on Tuesday that the US government told it exports of its "
      + "<b>H20</b> chips to China now require a licence, and that it does not expect licences to be granted. "
      + "The company expects a charge of about $5.5 billion. <a href=\"https://news.example/more\">More</a> &amp; "
      + "analysis from our correspondents in Taipei, Beijing &amp; Washington.</p>\n";

  private BenchFeeds() {}

  /** An RSS 2.0 document of about {@code bytes} bytes; item links are unique per {@code feed}. */
  static byte[] rss(String feed, int bytes) {
    StringBuilder xml = new StringBuilder(bytes + 2048);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>")
        .append(feed).append("</title><link>https://news.example/</link><description>bench</description>\n");
    for (int i = 1; xml.length() < bytes - 400; i++) {
      xml.append("<item><title>").append(feed).append(": chip export story ").append(i).append("</title><link>https://news.example/")
          .append(feed).append("/").append(i).append("</link><guid>").append(feed).append("-").append(i)
          .append("</guid><pubDate>").append(String.format("Tue, %02d Jul 2025 %02d:00:00 GMT", 1 + i % 28, i % 24))
          .append("</pubDate><description><![CDATA[");
      xml.append(PARAGRAPH.repeat(3));
      xml.append("]]></description></item>\n");
    }
    return xml.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8);
  }
}
