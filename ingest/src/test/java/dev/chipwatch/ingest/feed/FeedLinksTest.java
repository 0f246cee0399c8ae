package dev.chipwatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** WebSub discovery in the document: Atom's links and RSS's atom:link. */
class FeedLinksTest {
  private final FeedParser parser = new FeedParser();

  private ParsedFeed parse(String xml) throws FeedException {
    return parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/xml", Instant.now());
  }

  @Test
  void atomNamesItsHubAndItself() throws Exception {
    ParsedFeed feed = parse("""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id><updated>2025-07-01T00:00:00Z</updated>
          <link rel="alternate" href="https://news.example/"/>
          <link rel="hub" href="https://pubsubhubbub.appspot.com/"/>
          <link rel="self" href="https://news.example/feed.atom"/>
          <entry><title>a</title><id>urn:a</id><link href="https://news.example/a"/><updated>2025-07-01T00:00:00Z</updated></entry>
        </feed>""");
    assertEquals("https://pubsubhubbub.appspot.com/", feed.hub());
    assertEquals("https://news.example/feed.atom", feed.self());
    assertEquals(1, feed.items().size());
  }

  @Test
  void rssCarriesThemAsAtomLinks() throws Exception {
    ParsedFeed feed = parse("""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title>
          <link>https://news.example/</link><description>d</description>
          <atom:link rel="self" type="application/rss+xml" href="https://news.example/rss"/>
          <atom:link rel="hub" href="https://websub.example/hub"/>
          <item><title>a</title><link>https://news.example/a</link></item>
        </channel></rss>""");
    assertEquals("https://websub.example/hub", feed.hub());
    assertEquals("https://news.example/rss", feed.self());
  }

  @Test
  void aFeedWithoutAHubHasNone() throws Exception {
    ParsedFeed feed = parse("""
        <rss version="2.0"><channel><title>t</title><link>https://news.example/</link><description>d</description>
          <item><title>a</title><link>https://news.example/a</link></item></channel></rss>""");
    assertNull(feed.hub());
    assertNull(feed.self());
  }
}
