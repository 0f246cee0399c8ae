package dev.chipwatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile and broken documents served over HTTP, fetched and parsed the way the poller does. */
class HostileFeedsTest {
  static final Instant FETCHED = Instant.parse("2025-07-15T10:00:00Z");
  static TestServer server;
  static FeedFetcher fetcher;
  static final FeedParser parser = new FeedParser();
  static final AtomicInteger dtdRequests = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.http();
    String dtdUrl = "http://" + TestServer.HOST + ":" + server.port() + "/evil.dtd";
    String lol = billionLaughs();
    server
        .route("/evil.dtd", exchange -> {
          dtdRequests.incrementAndGet();
          TestServer.send(exchange, 200, "application/xml-dtd", "<!ENTITY ext \"leaked\">");
        })
        .route("/xxe-file", serve("application/rss+xml",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<rss version=\"2.0\"><channel><title>&x;</title></channel></rss>"))
        .route("/xxe-parameter", serve("application/rss+xml",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"" + dtdUrl + "\"> %p;]>"
                + "<rss version=\"2.0\"><channel><title>&ext;</title></channel></rss>"))
        .route("/xxe-external-dtd", serve("application/rss+xml",
            "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"" + dtdUrl + "\">"
                + "<rss version=\"2.0\"><channel><title>&ext;</title></channel></rss>"))
        .route("/billion-laughs", serve("application/rss+xml", lol))
        .route("/utf8-as-text-xml", exchange -> TestServer.send(exchange, 200, "text/xml",
            FeedParserTest.rss(null, FeedParserTest.TITLE, null).getBytes(StandardCharsets.UTF_8)))
        .route("/utf8-labelled-latin1", exchange -> TestServer.send(exchange, 200, "text/xml; charset=iso-8859-1",
            FeedParserTest.rss(null, FeedParserTest.TITLE, null).getBytes(StandardCharsets.UTF_8)))
        .route("/cp1252-labelled-utf8", exchange -> TestServer.send(exchange, 200, "application/rss+xml; charset=utf-8",
            FeedParserTest.rss(null, "Nvidia’s “H20”", null).getBytes(Charset.forName("windows-1252"))))
        .route("/empty", exchange -> TestServer.send(exchange, 200, "application/rss+xml", new byte[0]))
        .route("/truncated", serve("application/rss+xml",
            FeedParserTest.rss(null, "Cut", null).substring(0, 150)))
        .route("/html", serve("text/html; charset=utf-8",
            "<!doctype html><html><head><title>Our feed moved</title></head><body>Hi</body></html>"));
    fetcher = new FeedFetcher(FetchSettings.defaults().withAllowedHosts(Set.of(TestServer.HOST)),
        TestServer.RESOLVER, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static com.sun.net.httpserver.HttpHandler serve(String contentType, String body) {
    return exchange -> TestServer.send(exchange, 200, contentType, body);
  }

  static ParsedFeed fetchAndParse(String path) throws FeedException {
    FetchResult result = fetcher.fetch(server.uri(path), null);
    return parser.parse(result.body(), result.contentType(), FETCHED);
  }

  @ParameterizedTest
  @CsvSource({
      "/xxe-file, FORBIDDEN_DOCTYPE",
      "/xxe-parameter, FORBIDDEN_DOCTYPE",
      "/xxe-external-dtd, PARSE_ERROR",
      "/billion-laughs, FORBIDDEN_DOCTYPE",
      "/empty, NOT_A_FEED",
      "/truncated, PARSE_ERROR",
      "/html, NOT_A_FEED",
  })
  void hostileAndBrokenDocumentsAreClassified(String path, FeedException.Reason expected) {
    FeedException e = assertThrows(FeedException.class, () -> fetchAndParse(path));

    assertEquals(expected, e.reason(), e.getMessage());
  }

  @Test
  void externalDtdsAreNeverFetched() {
    for (String path : new String[] {"/xxe-parameter", "/xxe-external-dtd"}) {
      assertThrows(FeedException.class, () -> fetchAndParse(path));
    }

    assertEquals(0, dtdRequests.get());
  }

  @ParameterizedTest
  @CsvSource({
      "/utf8-as-text-xml, 'Nvidia’s H20 — Café, 英伟达'",
      "/utf8-labelled-latin1, 'Nvidia’s H20 — Café, 英伟达'",
      "/cp1252-labelled-utf8, Nvidia’s “H20”",
  })
  void missingAndWrongCharsetsDoNotGarbleText(String path, String title) throws Exception {
    assertEquals(title, fetchAndParse(path).items().get(0).title());
  }

  static String billionLaughs() {
    StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      doc.append(" <!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
    }
    return doc.append("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>").toString();
  }
}
