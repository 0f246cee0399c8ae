package dev.chipwatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of the corpus of odd, old and broken feeds yields items or a classified FeedException: never
 * another exception, never a hang. Expectations live in corpus/MANIFEST.txt.
 */
class CorpusSweepTest {
  static final Instant FETCHED = Instant.parse("2025-07-15T10:00:00Z");
  /** The harshest labels: RFC 3023's US-ASCII text/xml, none at all, and a wrong UTF-8 claim. */
  static final String[] CONTENT_TYPES = {"text/xml", null, "application/rss+xml; charset=utf-8"};
  static final Duration PER_DOCUMENT = Duration.ofSeconds(5);

  final FeedParser parser = new FeedParser();

  record Expectation(String file, String outcome, String firstTitle) {}

  @TestFactory
  Stream<DynamicTest> eachCorpusFileYieldsItemsOrAClassifiedError() throws Exception {
    return manifest().values().stream().map(expected -> DynamicTest.dynamicTest(expected.file(), () -> {
      byte[] body = Files.readAllBytes(corpus().resolve(expected.file()));
      for (String contentType : CONTENT_TYPES) {
        assertEquals(expected.outcome(), outcome(body, contentType), expected.file() + " as " + contentType);
        if (expected.firstTitle() != null) {
          ParsedFeed feed = parser.parse(body, contentType, FETCHED);
          assertEquals(expected.firstTitle(), feed.items().get(0).title(), expected.file() + " as " + contentType);
        }
      }
    }));
  }

  @Test
  void everyCorpusFileHasAnExpectation() throws Exception {
    Set<String> files;
    try (Stream<Path> list = Files.list(corpus())) {
      files = list.map(p -> p.getFileName().toString()).filter(n -> !n.equals("MANIFEST.txt"))
          .collect(Collectors.toSet());
    }
    assertEquals(files, manifest().keySet());
    assertTrue(files.size() >= 25, "a corpus worth the name");
  }

  @Test
  void absurdNestingIsRefusedQuickly() {
    String atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>d</title><id>urn:d</id>"
        + "<updated>2025-07-15T08:00:00Z</updated><entry><id>urn:e</id><title>t</title>"
        + "<updated>2025-07-15T08:00:00Z</updated><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
        + "<div>".repeat(200_000) + "x" + "</div>".repeat(200_000) + "</div></content></entry></feed>";

    assertEquals("PARSE_ERROR", outcome(atom.getBytes(StandardCharsets.UTF_8), null));
  }

  @Test
  void absurdHtmlInsideAnItemIsCleanedQuickly() {
    String rss = "<rss version=\"2.0\"><channel><title>d</title><item><link>http://x.example/</link><description>"
        + "<![CDATA[" + "<div>".repeat(200_000) + "deep" + "<script>x</script>".repeat(20_000) + "]]>"
        + "</description></item></channel></rss>";

    assertEquals("items=1", outcome(rss.getBytes(StandardCharsets.UTF_8), "application/rss+xml"));
  }

  @Test
  void tenThousandItemsParseInReasonableTime() {
    StringBuilder rss = new StringBuilder("<rss version=\"2.0\"><channel><title>big</title>");
    for (int i = 0; i < 10_000; i++) {
      rss.append("<item><title>Item ").append(i).append("</title><link>https://big.example/").append(i)
          .append("</link><description>&lt;p&gt;Text ").append(i).append("&lt;/p&gt;</description></item>");
    }
    rss.append("</channel></rss>");

    assertEquals("items=10000", outcome(rss.toString().getBytes(StandardCharsets.UTF_8), null));
  }

  /** items=N, or the reason of the FeedException; anything else fails the test. */
  String outcome(byte[] body, String contentType) {
    return assertTimeoutPreemptively(PER_DOCUMENT, () -> {
      try {
        return "items=" + parser.parse(body, contentType, FETCHED).items().size();
      } catch (FeedException e) {
        return e.reason().name();
      } catch (RuntimeException | Error e) {
        return fail("unclassified " + e, e);
      }
    });
  }

  static Map<String, Expectation> manifest() throws IOException, URISyntaxException {
    Map<String, Expectation> expectations = new TreeMap<>();
    for (String line : Files.readAllLines(corpus().resolve("MANIFEST.txt"), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> parts = new ArrayList<>(Arrays.stream(line.split("\\|")).map(String::strip).toList());
      expectations.put(parts.get(0), new Expectation(parts.get(0), parts.get(1), parts.size() > 2 ? parts.get(2) : null));
    }
    return expectations;
  }

  static Path corpus() throws URISyntaxException {
    return Path.of(CorpusSweepTest.class.getResource("/corpus/MANIFEST.txt").toURI()).getParent();
  }
}
