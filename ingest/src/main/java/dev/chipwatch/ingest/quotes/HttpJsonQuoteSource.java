package dev.chipwatch.ingest.quotes;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chipwatch.ingest.feed.FeedException;
import dev.chipwatch.ingest.feed.FeedFetcher;
import dev.chipwatch.ingest.feed.FetchResult;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Market caps from a JSON HTTP API: a URL template with {@code {ticker}} and {@code {apiKey}}, and a JSON
 * pointer to the market-cap field (a number, or a numeric string). Requests go through {@link FeedFetcher},
 * so the address guard, size cap and deadline apply. Requests are paced: at most one per
 * {@code minInterval}, tickers taken in turn, so a call may return fewer quotes than there are tickers, or
 * none.
 *
 * <p>The API key is a secret: it is never part of an exception message or of {@link #toString()}.
 */
public final class HttpJsonQuoteSource implements QuoteSource {
  /** Financial Modeling Prep's profile endpoint; the answer is an array of one company. */
  public static final String FMP_URL = "https://financialmodelingprep.com/stable/profile?symbol={ticker}&apikey={apiKey}";
  public static final String FMP_POINTER = "/0/marketCap";
  /** FMP's free plan: 250 requests a day. */
  public static final Duration FMP_INTERVAL = Duration.ofDays(1).dividedBy(250);
  /** Alpha Vantage's company overview; MarketCapitalization comes as a string. */
  public static final String ALPHA_VANTAGE_URL =
      "https://www.alphavantage.co/query?function=OVERVIEW&symbol={ticker}&apikey={apiKey}";
  public static final String ALPHA_VANTAGE_POINTER = "/MarketCapitalization";
  /** Alpha Vantage's free plan: 25 requests a day, so one every 57.6 minutes. */
  public static final Duration ALPHA_VANTAGE_INTERVAL = Duration.ofDays(1).dividedBy(25);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String name;
  private final String urlTemplate;
  private final JsonPointer marketCapPointer;
  private final String apiKey;
  private final List<Ticker> tickers;
  private final FeedFetcher fetcher;
  private final Clock clock;
  private final RequestPacer pacer;
  private int nextTicker;

  public HttpJsonQuoteSource(String name, String urlTemplate, String marketCapPointer, String apiKey,
      List<Ticker> tickers, Duration minInterval, FeedFetcher fetcher, Clock clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.urlTemplate = Objects.requireNonNull(urlTemplate, "urlTemplate");
    this.marketCapPointer = JsonPointer.compile(marketCapPointer);
    this.apiKey = apiKey == null ? "" : apiKey;
    this.tickers = List.copyOf(tickers);
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pacer = new RequestPacer(minInterval, clock);
    if (this.tickers.isEmpty()) {
      throw new IllegalArgumentException("a quote source needs at least one ticker");
    }
  }

  public static HttpJsonQuoteSource financialModelingPrep(String apiKey, List<Ticker> tickers, FeedFetcher fetcher,
      Clock clock) {
    return new HttpJsonQuoteSource("fmp", FMP_URL, FMP_POINTER, apiKey, tickers, FMP_INTERVAL, fetcher, clock);
  }

  public static HttpJsonQuoteSource alphaVantage(String apiKey, List<Ticker> tickers, FeedFetcher fetcher,
      Clock clock) {
    return new HttpJsonQuoteSource("alphavantage", ALPHA_VANTAGE_URL, ALPHA_VANTAGE_POINTER, apiKey, tickers,
        ALPHA_VANTAGE_INTERVAL, fetcher, clock);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * One request per ticker whose turn has come. When a later ticker fails after earlier ones succeeded,
   * the quotes obtained are returned and the failure will show on the ticker's next turn.
   */
  @Override
  public synchronized List<Quote> fetch() throws QuoteException {
    List<Quote> quotes = new ArrayList<>();
    for (int asked = 0; asked < tickers.size() && pacer.tryAcquire(); asked++) {
      Ticker ticker = tickers.get(nextTicker);
      nextTicker = (nextTicker + 1) % tickers.size(); // a failing ticker must not starve the others
      try {
        quotes.add(fetchOne(ticker));
      } catch (QuoteException e) {
        if (quotes.isEmpty()) {
          throw e;
        }
        break;
      }
    }
    return quotes;
  }

  private Quote fetchOne(Ticker ticker) throws QuoteException {
    FetchResult result;
    try {
      result = fetcher.fetch(url(ticker), null);
    } catch (FeedException e) {
      throw fetchFailure(ticker, e);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(result.body());
    } catch (IOException e) { // Jackson's parse errors are IOExceptions
      throw new QuoteException(QuoteException.Reason.BAD_DATA, name + " " + ticker.symbol() + ": not JSON");
    }
    JsonNode value = root == null ? null : root.at(marketCapPointer);
    if (value == null || value.isMissingNode() || value.isNull()) {
      throw missingValue(ticker, root);
    }
    double marketCap = number(value);
    if (!Double.isFinite(marketCap) || marketCap <= 0) {
      throw new QuoteException(QuoteException.Reason.BAD_DATA,
          name + " " + ticker.symbol() + ": no usable market cap at " + marketCapPointer);
    }
    return new Quote(ticker.vendor(), ticker.symbol(), marketCap, clock.instant(), name);
  }

  private QuoteException missingValue(Ticker ticker, JsonNode root) {
    // Alpha Vantage answers 200 with only an "Information" (or older "Note") text when over its limit
    if (root != null && (root.has("Information") || root.has("Note"))) {
      pacer.pause(pacer.minInterval());
      return new QuoteException(QuoteException.Reason.RATE_LIMITED,
          name + " " + ticker.symbol() + ": provider says the request limit is reached");
    }
    if (root != null && root.has("Error Message")) {
      return new QuoteException(QuoteException.Reason.BAD_DATA,
          name + " " + ticker.symbol() + ": provider reported an error (unknown symbol or key?)");
    }
    return new QuoteException(QuoteException.Reason.BAD_DATA,
        name + " " + ticker.symbol() + ": no market cap at " + marketCapPointer);
  }

  private QuoteException fetchFailure(Ticker ticker, FeedException e) {
    boolean limited = e.httpStatus() == 429 || (e.httpStatus() == 503 && e.retryAfter() != null);
    if (limited) {
      pacer.pause(e.retryAfter() != null ? e.retryAfter() : pacer.minInterval());
      return new QuoteException(QuoteException.Reason.RATE_LIMITED,
          name + " " + ticker.symbol() + ": " + redact(e.getMessage()), e.retryAfter());
    }
    return new QuoteException(QuoteException.Reason.FETCH_FAILED,
        name + " " + ticker.symbol() + ": " + e.reason() + " " + redact(e.getMessage()));
  }

  private static double number(JsonNode value) {
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isTextual()) {
      try {
        return Double.parseDouble(value.asText().strip().replace(",", ""));
      } catch (NumberFormatException e) {
        return Double.NaN; // Alpha Vantage says "None" for companies without a value
      }
    }
    return Double.NaN;
  }

  private URI url(Ticker ticker) throws QuoteException {
    String url = urlTemplate
        .replace("{ticker}", URLEncoder.encode(ticker.symbol(), StandardCharsets.UTF_8))
        .replace("{apiKey}", URLEncoder.encode(apiKey, StandardCharsets.UTF_8));
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new QuoteException(QuoteException.Reason.FETCH_FAILED, name + ": the URL template is not a valid URL");
    }
  }

  /** Belt and braces: the fetcher names hosts only, but no message may ever carry the key. */
  private String redact(String message) {
    if (message == null || apiKey.isEmpty()) {
      return message;
    }
    return message.replace(apiKey, "***").replace(URLEncoder.encode(apiKey, StandardCharsets.UTF_8), "***");
  }

  @Override
  public String toString() {
    return "HttpJsonQuoteSource[" + name + ", " + tickers.size() + " tickers, every " + pacer.minInterval() + "]";
  }
}
