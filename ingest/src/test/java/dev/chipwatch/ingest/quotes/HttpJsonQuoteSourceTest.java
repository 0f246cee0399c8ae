package dev.chipwatch.ingest.quotes;

import dev.chipwatch.ingest.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.ingest.feed.FeedFetcher;
import dev.chipwatch.ingest.feed.FetchSettings;
import dev.chipwatch.ingest.feed.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpJsonQuoteSourceTest {
  static final String KEY = "s3cr3t&key=x";
  static final Instant START = Instant.parse("2025-07-15T10:00:00Z");
  static final Ticker NVDA = new Ticker("nvidia", "NVDA");
  static final Ticker AMD = new Ticker("amd", "AMD");

  static TestServer server;
  static FeedFetcher fetcher;
  static final AtomicInteger requests = new AtomicInteger();
  static final Map<String, String> lastQuery = new ConcurrentHashMap<>();
  /** What /av answers next, per symbol. */
  static final Map<String, String> alphaVantageAnswers = new ConcurrentHashMap<>();

  MutableClock clock = new MutableClock(START);

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.http()
        .route("/stable/profile", exchange -> {
          requests.incrementAndGet();
          String query = exchange.getRequestURI().getRawQuery();
          lastQuery.put("fmp", query);
          String symbol = query.replaceAll(".*symbol=([A-Z]+).*", "$1");
          String body = symbol.equals("NVDA")
              ? "[{\"symbol\":\"NVDA\",\"price\":168.2,\"marketCap\":4102000000000}]"
              : "[{\"symbol\":\"AMD\",\"price\":150.1,\"marketCap\":243000000000.5}]";
          TestServer.send(exchange, 200, "application/json", body);
        })
        .route("/query", exchange -> {
          requests.incrementAndGet();
          String symbol = exchange.getRequestURI().getQuery().replaceAll(".*symbol=([A-Z]+).*", "$1");
          TestServer.send(exchange, 200, "application/json", alphaVantageAnswers.getOrDefault(symbol,
              "{\"Symbol\":\"" + symbol + "\",\"MarketCapitalization\":\"3987000000000\"}"));
        })
        .route("/limited", exchange -> {
          requests.incrementAndGet();
          exchange.getResponseHeaders().set("Retry-After", "600");
          TestServer.send(exchange, 429, "application/json", "{\"Error Message\":\"Limit Reach\"}");
        })
        .route("/broken", exchange -> {
          requests.incrementAndGet();
          TestServer.send(exchange, 500, "text/plain", "apikey=" + KEY + " was wrong");
        });
    fetcher = new FeedFetcher(FetchSettings.defaults().withAllowedHosts(Set.of(TestServer.HOST)),
        TestServer.RESOLVER, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    requests.set(0);
    alphaVantageAnswers.clear();
  }

  HttpJsonQuoteSource source(String path, String pointer, Duration interval, Ticker... tickers) {
    String template = server.uri(path).toString() + "?symbol={ticker}&apikey={apiKey}";
    return new HttpJsonQuoteSource("test", template, pointer, KEY, List.of(tickers), interval, fetcher, clock);
  }

  @Test
  void financialModelingPrepProfileShapeIsRead() throws Exception {
    HttpJsonQuoteSource fmp = source("/stable/profile", HttpJsonQuoteSource.FMP_POINTER, Duration.ZERO, NVDA, AMD);

    List<Quote> quotes = fmp.fetch();

    assertEquals(List.of(new Quote("nvidia", "NVDA", 4.102e12, START, "test"),
        new Quote("amd", "AMD", 243000000000.5, START, "test")), quotes);
    assertTrue(lastQuery.get("fmp").contains("apikey=s3cr3t%26key%3Dx"), "the key is URL-encoded into the query");
  }

  @Test
  void alphaVantageOverviewGivesTheCapAsAString() throws Exception {
    List<Quote> quotes = source("/query", HttpJsonQuoteSource.ALPHA_VANTAGE_POINTER, Duration.ZERO, NVDA).fetch();

    assertEquals(3.987e12, quotes.get(0).marketCapUsd());
  }

  @Test
  void alphaVantageInformationAnswerIsARateLimit() {
    alphaVantageAnswers.put("NVDA", "{\"Information\":\"Thank you for using Alpha Vantage! Our standard API rate "
        + "limit is 25 requests per day. apikey=" + KEY + "\"}");
    HttpJsonQuoteSource av = source("/query", HttpJsonQuoteSource.ALPHA_VANTAGE_POINTER, Duration.ZERO, NVDA);

    QuoteException e = assertThrows(QuoteException.class, av::fetch);

    assertEquals(QuoteException.Reason.RATE_LIMITED, e.reason());
    assertFalse(e.getMessage().contains(KEY), e.getMessage());
  }

  @Test
  void requestsArePacedAndTickersTakeTurns() throws Exception {
    HttpJsonQuoteSource av = source("/query", HttpJsonQuoteSource.ALPHA_VANTAGE_POINTER,
        HttpJsonQuoteSource.ALPHA_VANTAGE_INTERVAL, NVDA, AMD);

    List<Quote> first = av.fetch();
    List<Quote> tooSoon = av.fetch();
    clock.advance(Duration.ofMinutes(57));
    List<Quote> stillTooSoon = av.fetch();
    clock.advance(Duration.ofMinutes(1));
    List<Quote> second = av.fetch();

    assertEquals("NVDA", first.get(0).ticker());
    assertEquals(1, first.size());
    assertEquals(List.of(), tooSoon);
    assertEquals(List.of(), stillTooSoon);
    assertEquals("AMD", second.get(0).ticker());
    assertEquals(2, requests.get(), "25 a day means one request per 57.6 minutes");
  }

  @Test
  void tooManyRequestsCarriesRetryAfterAndPausesTheSource() throws Exception {
    HttpJsonQuoteSource limited = source("/limited", HttpJsonQuoteSource.FMP_POINTER, Duration.ZERO, NVDA);

    QuoteException e = assertThrows(QuoteException.class, limited::fetch);
    List<Quote> during = limited.fetch();
    clock.advance(Duration.ofSeconds(601));
    assertThrows(QuoteException.class, limited::fetch);

    assertEquals(QuoteException.Reason.RATE_LIMITED, e.reason());
    assertEquals(Duration.ofSeconds(600), e.retryAfter());
    assertEquals(List.of(), during);
    assertEquals(2, requests.get(), "no request while the provider's pause lasts");
  }

  @Test
  void failuresNeverShowTheApiKey() {
    HttpJsonQuoteSource broken = source("/broken", HttpJsonQuoteSource.FMP_POINTER, Duration.ZERO, NVDA);

    QuoteException e = assertThrows(QuoteException.class, broken::fetch);

    assertEquals(QuoteException.Reason.FETCH_FAILED, e.reason());
    assertTrue(e.getMessage().contains("500"), e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains("s3cr3t"), t.toString());
    }
    assertFalse(broken.toString().contains("s3cr3t"), broken.toString());
    assertFalse(HttpJsonQuoteSource.alphaVantage(KEY, List.of(NVDA), fetcher, clock).toString().contains("s3cr3t"));
  }

  @Test
  void unusableValuesAreBadData() {
    for (String answer : new String[] {"{\"MarketCapitalization\":\"None\"}", "{\"Symbol\":\"NVDA\"}",
        "{\"MarketCapitalization\":\"-5\"}", "not json", "{\"Error Message\":\"Invalid API call\"}"}) {
      alphaVantageAnswers.put("NVDA", answer);
      HttpJsonQuoteSource av = source("/query", HttpJsonQuoteSource.ALPHA_VANTAGE_POINTER, Duration.ZERO, NVDA);

      QuoteException e = assertThrows(QuoteException.class, av::fetch, answer);

      assertEquals(QuoteException.Reason.BAD_DATA, e.reason(), answer);
    }
  }

  @Test
  void theAddressGuardAppliesToQuoteSources() {
    FeedFetcher strict = new FeedFetcher(FetchSettings.defaults());
    String template = "http://127.0.0.1:" + server.port() + "/query?symbol={ticker}&apikey={apiKey}";
    HttpJsonQuoteSource local = new HttpJsonQuoteSource("local", template, "/MarketCapitalization", KEY,
        List.of(NVDA), Duration.ZERO, strict, clock);

    QuoteException e = assertThrows(QuoteException.class, local::fetch);

    assertEquals(QuoteException.Reason.FETCH_FAILED, e.reason());
    assertTrue(e.getMessage().contains("BLOCKED_ADDRESS"), e.getMessage());
    assertEquals(0, requests.get());
  }
}
