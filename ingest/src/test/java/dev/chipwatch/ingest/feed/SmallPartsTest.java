package dev.chipwatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Retry-After, UTF-8 validation and the document sniffer on their own. */
class SmallPartsTest {
  static final Instant NOW = Instant.parse("2025-07-15T10:00:00Z");

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    assertEquals(Duration.ofSeconds(120), RetryAfter.parse(" 120 ", NOW));
    assertEquals(Duration.ofSeconds(30), RetryAfter.parse("Tue, 15 Jul 2025 10:00:30 GMT", NOW));
    assertEquals(Duration.ZERO, RetryAfter.parse("Tue, 15 Jul 2025 09:00:00 GMT", NOW));
    assertNull(RetryAfter.parse("soon", NOW));
    assertNull(RetryAfter.parse("-5", NOW));
    assertNull(RetryAfter.parse("99999999999999999999999", NOW));
    assertNull(RetryAfter.parse(null, NOW));
  }

  @Test
  void utf8ValidationRejectsOverlongsSurrogatesAndTruncation() {
    assertTrue(FeedCharset.isValidUtf8("Café 英伟达 🚀".getBytes(StandardCharsets.UTF_8)));
    assertFalse(FeedCharset.isValidUtf8(new byte[] {(byte) 0xc0, (byte) 0xaf})); // overlong '/'
    assertFalse(FeedCharset.isValidUtf8(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})); // surrogate
    assertFalse(FeedCharset.isValidUtf8(new byte[] {'a', (byte) 0xe2, (byte) 0x82})); // cut short
    assertFalse(FeedCharset.isValidUtf8("Café".getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void documentHeadSeesPastPrologCommentsAndDoctype() {
    String text = "<?xml version=\"1.0\"?>\n<!-- a <rss> in a comment -->\n"
        + "<!DOCTYPE rss SYSTEM \"x[1].dtd\">\n<?xml-stylesheet href=\"s.xsl\"?><rdf:RDF/>";
    DocumentHead head = DocumentHead.of(text);

    assertEquals(DocumentHead.Kind.XML, head.kind());
    assertEquals("rdf:RDF", head.root());
    assertFalse(head.internalSubset(), "a [ inside quotes is not an internal subset");
    assertFalse(head.withoutDoctype(text).contains("DOCTYPE"));
    assertTrue(DocumentHead.of("<!DOCTYPE x [ <!ENTITY a 'b'> ]><x/>").internalSubset());
    assertEquals(DocumentHead.Kind.HTML, DocumentHead.of("<!doctype html>\n<p>hi").kind());
    assertEquals(DocumentHead.Kind.JSON, DocumentHead.of("  {\"a\":1}").kind());
    assertEquals(DocumentHead.Kind.OTHER, DocumentHead.of("hello").kind());
    assertEquals(DocumentHead.Kind.EMPTY, DocumentHead.of("<?xml version=\"1.0\"?> <!-- -->").kind());
  }
}
