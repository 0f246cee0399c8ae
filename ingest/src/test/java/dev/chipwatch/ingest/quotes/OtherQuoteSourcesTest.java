package dev.chipwatch.ingest.quotes;

import dev.chipwatch.ingest.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.ingest.feed.FeedFetcher;
import dev.chipwatch.ingest.feed.FetchSettings;
import dev.chipwatch.ingest.feed.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherQuoteSourcesTest {
  static final String CSV = "\ufeffvendor,ticker,marketCapUsd,at\n"
      + "# end of day\n"
      + "nvidia,NVDA,4.1e12,2025-07-15T20:00:00Z\n"
      + "\n"
      + "amd, AMD ,\"243_000_000_000\",2025-07-15\n"
      + "intel,INTC,98000000000,2025-07-15T16:00:00-04:00\n";

  @TempDir
  Path dir;

  @Test
  void csvFileRowsBecomeQuotes() throws Exception {
    Path file = Files.writeString(dir.resolve("caps.csv"), CSV);

    List<Quote> quotes = CsvQuoteSource.ofFile(file).fetch();

    assertEquals(List.of(
        new Quote("nvidia", "NVDA", 4.1e12, Instant.parse("2025-07-15T20:00:00Z"), "csv"),
        new Quote("amd", "AMD", 2.43e11, Instant.parse("2025-07-15T00:00:00Z"), "csv"),
        new Quote("intel", "INTC", 9.8e10, Instant.parse("2025-07-15T20:00:00Z"), "csv")), quotes);
  }

  @Test
  void malformedCsvLineIsBadDataWithItsLineNumber() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.csv"), "nvidia,NVDA,4.1e12,2025-07-15\namd,AMD,lots,2025-07-15\n");

    QuoteException e = assertThrows(QuoteException.class, () -> CsvQuoteSource.ofFile(file).fetch());

    assertEquals(QuoteException.Reason.BAD_DATA, e.reason());
    assertTrue(e.getMessage().startsWith("csv line 2"), e.getMessage());
  }

  @Test
  void missingCsvFileIsAFetchFailure() {
    QuoteException e = assertThrows(QuoteException.class,
        () -> CsvQuoteSource.ofFile(dir.resolve("absent.csv")).fetch());

    assertEquals(QuoteException.Reason.FETCH_FAILED, e.reason());
  }

  @Test
  void csvUrlIsFetchedConditionally() throws Exception {
    AtomicInteger fullAnswers = new AtomicInteger();
    try (TestServer server = TestServer.http().route("/caps.csv", exchange -> {
      exchange.getResponseHeaders().set("ETag", "\"c1\"");
      if ("\"c1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        exchange.sendResponseHeaders(304, -1);
      } else {
        fullAnswers.incrementAndGet();
        TestServer.send(exchange, 200, "text/csv", CSV);
      }
    })) {
      FeedFetcher fetcher = new FeedFetcher(FetchSettings.defaults().withAllowedHosts(Set.of(TestServer.HOST)),
          TestServer.RESOLVER, Clock.systemUTC());
      CsvQuoteSource source = CsvQuoteSource.ofUrl(server.uri("/caps.csv"), fetcher);

      List<Quote> first = source.fetch();
      List<Quote> again = source.fetch();

      assertEquals(3, first.size());
      assertEquals(first, again);
      assertEquals(1, fullAnswers.get(), "the second read was a 304");
    }
  }

  @Test
  void scriptedSourceWalksNvidiaAcrossFourTrillionOneQuotePerCall() {
    MutableClock clock = new MutableClock(Instant.parse("2025-07-09T13:30:00Z"));
    ScriptedQuoteSource script = ScriptedQuoteSource.nvidiaCrossingFourTrillion(clock);

    List<Double> caps = new java.util.ArrayList<>();
    List<Instant> times = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Quote quote = script.fetch().get(0);
      caps.add(quote.marketCapUsd());
      times.add(quote.at());
      assertEquals("nvidia", quote.vendor());
      clock.advance(Duration.ofMinutes(1));
    }

    assertEquals(List.of(3.90e12, 3.97e12, 4.03e12, 4.10e12), caps);
    assertEquals(Instant.parse("2025-07-09T13:33:00Z"), times.get(3), "stamped when released");
    assertEquals(List.of(), script.fetch());
    assertEquals(0, script.remaining());
  }

  @Test
  void scriptedSourceKeepsGivenTimesWithoutAClock() {
    Quote quote = new Quote("amd", "AMD", 3e11, Instant.parse("2025-01-01T00:00:00Z"), "scripted");
    ScriptedQuoteSource script = new ScriptedQuoteSource(List.of(quote));

    assertEquals(List.of(quote), script.fetch());
    assertEquals(List.of(), script.fetch());
  }
}
