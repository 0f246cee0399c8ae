package dev.chipwatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeedParserTest {
  static final Instant FETCHED = Instant.parse("2025-07-15T10:00:00Z");
  static final String TITLE = "Nvidia’s H20 — Café, 英伟达";
  final FeedParser parser = new FeedParser();

  static String rss(String encodingDecl, String title, String pubDate) {
    return "<?xml version=\"1.0\"" + (encodingDecl == null ? "" : " encoding=\"" + encodingDecl + "\"") + "?>\n"
        + "<rss version=\"2.0\"><channel><title>Chips</title><link>https://example.com/</link>"
        + "<item><title>" + title + "</title><link>https://example.com/h20</link>"
        + (pubDate == null ? "" : "<pubDate>" + pubDate + "</pubDate>")
        + "<description>Export licences</description></item></channel></rss>";
  }

  ParsedFeed parse(byte[] body, String contentType) throws FeedException {
    return parser.parse(body, contentType, FETCHED);
  }

  String firstTitle(byte[] body, String contentType) throws FeedException {
    ParsedFeed feed = parse(body, contentType);
    assertEquals(1, feed.items().size());
    return feed.items().get(0).title();
  }

  // --- charsets

  @Test
  void textXmlWithoutCharsetDoesNotGarbleUtf8() throws Exception {
    assertEquals(TITLE, firstTitle(rss(null, TITLE, null).getBytes(StandardCharsets.UTF_8), "text/xml"));
  }

  @Test
  void prologEncodingIsUsedWhenTheHeaderHasNone() throws Exception {
    String latin = "Café à Paris";
    byte[] body = rss("ISO-8859-1", latin, null).getBytes(StandardCharsets.ISO_8859_1);

    assertEquals(latin, firstTitle(body, "text/xml"));
  }

  @Test
  void headerCharsetIsUsedForBytesThatAreNotUtf8() throws Exception {
    String cyrillic = "Нвидиа и экспорт";
    byte[] body = rss(null, cyrillic, null).getBytes(Charset.forName("windows-1251"));

    assertEquals(cyrillic, firstTitle(body, "application/rss+xml; charset=windows-1251"));
  }

  @Test
  void utf8BodyLabelledLatin1IsReadAsUtf8() throws Exception {
    byte[] body = rss("ISO-8859-1", TITLE, null).getBytes(StandardCharsets.UTF_8);

    assertEquals(TITLE, firstTitle(body, "application/rss+xml; charset=ISO-8859-1"));
  }

  @Test
  void windows1252BodyLabelledUtf8IsReadAsWindows1252() throws Exception {
    String curly = "Nvidia’s “H20” – again";
    byte[] body = rss(null, curly, null).getBytes(Charset.forName("windows-1252"));

    assertEquals(curly, firstTitle(body, "text/xml; charset=utf-8"));
  }

  @Test
  void utf16WithBomAndWithout() throws Exception {
    byte[] withBom = rss("UTF-16", TITLE, null).getBytes(StandardCharsets.UTF_16); // big-endian with BOM
    byte[] littleEndian = rss("UTF-16", TITLE, null).getBytes(StandardCharsets.UTF_16LE); // no BOM

    assertEquals(TITLE, firstTitle(withBom, "application/xml"));
    assertEquals(TITLE, firstTitle(littleEndian, "text/xml"));
  }

  @Test
  void byteOrderMarkBeatsTheHeader() throws Exception {
    byte[] text = rss(null, TITLE, null).getBytes(StandardCharsets.UTF_8);
    byte[] body = ByteBuffer.allocate(text.length + 3).put(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf})
        .put(text).array();

    assertEquals(TITLE, firstTitle(body, "text/xml; charset=ISO-8859-1"));
  }

  @Test
  void unknownCharsetLabelFallsBackLeniently() throws Exception {
    byte[] body = rss("x-bogus", TITLE, null).getBytes(StandardCharsets.UTF_8);

    assertEquals(TITLE, firstTitle(body, "text/xml; charset=x-bogus-too"));
  }

  // --- hostile XML

  @Test
  void xxeWithAnInternalSubsetIsRefusedUnread() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        + "<rss version=\"2.0\"><channel><title>&xxe;</title></channel></rss>";

    FeedException e = assertThrows(FeedException.class, () -> parse(xxe.getBytes(StandardCharsets.UTF_8), null));

    assertEquals(FeedException.Reason.FORBIDDEN_DOCTYPE, e.reason());
    assertFalse(e.getMessage().contains("root:"));
  }

  @Test
  void billionLaughsIsRefusedQuickly() {
    StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      doc.append(" <!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
    }
    doc.append("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>");
    long start = System.nanoTime();

    FeedException e = assertThrows(FeedException.class,
        () -> parse(doc.toString().getBytes(StandardCharsets.UTF_8), "application/rss+xml"));

    assertEquals(FeedException.Reason.FORBIDDEN_DOCTYPE, e.reason());
    assertTrue(System.nanoTime() - start < 1_000_000_000L);
  }

  @Test
  void rss091WithTheNetscapeDoctypeStillParses() throws Exception {
    String rss091 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
        + "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\"\n"
        + "  \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n"
        + "<rss version=\"0.91\"><channel><title>Old</title><link>http://old.example/</link>"
        + "<description>d</description><language>en-us</language>"
        + "<item><title>Chips &amp; dips</title><link>http://old.example/1</link></item></channel></rss>";

    ParsedFeed feed = parse(rss091.getBytes(StandardCharsets.ISO_8859_1), "text/xml");

    assertEquals("Chips & dips", feed.items().get(0).title());
  }

  // --- not feeds, empty, truncated

  @Test
  void htmlServedAsAFeedIsNotAFeed() {
    String[] pages = {
        "<!DOCTYPE html><html><head><title>Hi</title></head><body><p>Subscribe!</body></html>",
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>x</title></head><body/></html>",
        "\n\n<!-- generator --><HTML><BODY><P>unclosed",
    };
    for (String page : pages) {
      FeedException e = assertThrows(FeedException.class,
          () -> parse(page.getBytes(StandardCharsets.UTF_8), "application/rss+xml"), page);
      assertEquals(FeedException.Reason.NOT_A_FEED, e.reason(), page);
    }
  }

  @Test
  void brokenMarkupServedAsHtmlIsNotAFeed() {
    FeedException e = assertThrows(FeedException.class,
        () -> parse("<div><p>Moved to our new site<br></div>".getBytes(StandardCharsets.UTF_8), "text/html"));

    assertEquals(FeedException.Reason.NOT_A_FEED, e.reason());
  }

  @Test
  void xmlOfAnotherKindIsNotAFeed() {
    FeedException e = assertThrows(FeedException.class,
        () -> parse("<?xml version=\"1.0\"?><sitemap><url/></sitemap>".getBytes(StandardCharsets.UTF_8), null));

    assertEquals(FeedException.Reason.NOT_A_FEED, e.reason());
  }

  @Test
  void emptyAndBlankDocumentsAreNotFeeds() {
    for (String body : new String[] {"", "  \n\t", "<?xml version=\"1.0\"?>", "<!-- nothing -->"}) {
      FeedException e = assertThrows(FeedException.class,
          () -> parse(body.getBytes(StandardCharsets.UTF_8), "text/xml"), body);
      assertEquals(FeedException.Reason.NOT_A_FEED, e.reason(), body);
    }
  }

  @Test
  void truncatedDocumentIsAParseError() {
    String whole = rss(null, "Cut", null);
    byte[] half = whole.substring(0, whole.length() / 2).getBytes(StandardCharsets.UTF_8);

    FeedException e = assertThrows(FeedException.class, () -> parse(half, "application/rss+xml"));

    assertEquals(FeedException.Reason.PARSE_ERROR, e.reason());
    assertEquals("truncated document", e.getMessage());
  }

  @Test
  void binaryGarbageIsClassified() {
    Random random = new Random(42);
    for (int i = 0; i < 20; i++) {
      byte[] junk = new byte[1 + random.nextInt(2000)];
      random.nextBytes(junk);
      junk[0] = (byte) (i % 2 == 0 ? '<' : junk[0]);
      FeedException e = assertThrows(FeedException.class, () -> parse(junk, null));
      assertTrue(List.of(FeedException.Reason.NOT_A_FEED, FeedException.Reason.PARSE_ERROR).contains(e.reason()));
    }
  }

  // --- dates

  @Test
  void missingAndAbsurdDatesFallBackToTheFetchTime() throws Exception {
    for (String date : new String[] {null, "Fri, 31 Dec 9999 23:59:59 GMT", "Thu, 01 Jan 1970 00:00:00 GMT",
        "not a date", "Mon, 20 Jul 2025 10:00:00 GMT"}) {
      FeedItem item = parse(rss(null, "t", date).getBytes(StandardCharsets.UTF_8), null).items().get(0);
      assertTrue(item.publishedFallback(), String.valueOf(date));
      assertEquals(FETCHED, item.published(), String.valueOf(date));
    }
  }

  @Test
  void plausibleDatesAreKeptIncludingLenientForms() throws Exception {
    for (String date : new String[] {"Tue, 15 Jul 2025 08:00:00 GMT", "Tue, 15 Jul 2025 08:00:00 +0000",
        "15 Jul 2025 08:00:00 GMT", "2025-07-15T08:00:00Z"}) {
      FeedItem item = parse(rss(null, "t", date).getBytes(StandardCharsets.UTF_8), null).items().get(0);
      assertFalse(item.publishedFallback(), date);
      assertEquals(Instant.parse("2025-07-15T08:00:00Z"), item.published(), date);
    }
  }

  // --- text and links

  @Test
  void linksStayOutOfTheText() throws Exception {
    String rss = "<rss version=\"2.0\"><channel><title>c</title><item><title>t</title>"
        + "<link>https://example.com/story?utm_source=rss</link><description><![CDATA[<p>BIS rules on "
        + "<a href=\"https://www.bis.gov/h20\">the H20</a>. See https://nvidia.com/h20-china and www.amd.com/mi308."
        + "</p><script>alert(1)</script>]]></description></item></channel></rss>";

    FeedItem item = parse(rss.getBytes(StandardCharsets.UTF_8), null).items().get(0);

    assertEquals("BIS rules on the H20. See and", item.summary());
    assertEquals(ArticleIds.of("https://example.com/story", null), item.id());
  }

  @Test
  void nonWebLinksAreNotKeptAsLinks() throws Exception {
    String rss = "<rss version=\"2.0\"><channel><title>c</title><item><title>t</title>"
        + "<link>javascript:alert(1)</link><guid isPermaLink=\"false\">item-7</guid></item></channel></rss>";

    FeedItem item = parse(rss.getBytes(StandardCharsets.UTF_8), null).items().get(0);

    assertNull(item.link());
    assertEquals("item-7", item.guid());
    assertEquals(ArticleIds.of(null, "item-7"), item.id());
  }

  // --- JSON Feed

  @Test
  void jsonFeedItemsAreRead() throws Exception {
    String json = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Chips & co\",\"items\":["
        + "{\"id\":\"1\",\"url\":\"https://example.com/1\",\"title\":\"H20 <back>\",\"content_html\":\"<p>Allowed</p>\","
        + "\"date_published\":\"2025-07-15T08:00:00+00:00\"},"
        + "{\"id\":\"2\",\"content_text\":\"plain\",\"date_published\":\"9999-01-01T00:00:00Z\"},"
        + "{\"title\":\"no id, no url: dropped\"}]}";

    ParsedFeed feed = parse(json.getBytes(StandardCharsets.UTF_8), "application/feed+json");

    assertEquals("Chips & co", feed.title());
    assertEquals(2, feed.items().size());
    assertEquals("H20 <back>", feed.items().get(0).title());
    assertEquals("Allowed", feed.items().get(0).content());
    assertEquals(Instant.parse("2025-07-15T08:00:00Z"), feed.items().get(0).published());
    assertEquals("plain", feed.items().get(1).content());
    assertTrue(feed.items().get(1).publishedFallback());
  }

  @Test
  void otherJsonIsNotAFeedAndBrokenJsonIsAParseError() {
    FeedException other = assertThrows(FeedException.class,
        () -> parse("{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8), "application/json"));
    FeedException broken = assertThrows(FeedException.class,
        () -> parse("{\"version\":\"https://jsonfeed.org/version/1.1\",".getBytes(StandardCharsets.UTF_8), null));

    assertEquals(FeedException.Reason.NOT_A_FEED, other.reason());
    assertEquals(FeedException.Reason.PARSE_ERROR, broken.reason());
  }
}
