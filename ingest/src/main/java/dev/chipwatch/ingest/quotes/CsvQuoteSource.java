package dev.chipwatch.ingest.quotes;

import dev.chipwatch.ingest.feed.FeedException;
import dev.chipwatch.ingest.feed.FeedFetcher;
import dev.chipwatch.ingest.feed.FetchResult;
import dev.chipwatch.ingest.feed.Validators;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Quotes from CSV, a file or a URL: {@code vendor,ticker,marketCapUsd,at} per line, {@code at} an ISO-8601
 * instant, offset date-time or date (midnight UTC). An optional header line, blank lines and {@code #}
 * comments are skipped. A malformed line fails the whole read (BAD_DATA with its line number): a half-read
 * file of market values is worse than a visible error. URLs are fetched through {@link FeedFetcher} with
 * conditional GET; a 304 returns the quotes read last time.
 */
public final class CsvQuoteSource implements QuoteSource {
  public static final String NAME = "csv";
  private static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

  private final Path file;
  private final URI url;
  private final FeedFetcher fetcher;
  private Validators validators = Validators.NONE;
  private List<Quote> last = List.of();

  private CsvQuoteSource(Path file, URI url, FeedFetcher fetcher) {
    this.file = file;
    this.url = url;
    this.fetcher = fetcher;
  }

  public static CsvQuoteSource ofFile(Path file) {
    return new CsvQuoteSource(Objects.requireNonNull(file, "file"), null, null);
  }

  public static CsvQuoteSource ofUrl(URI url, FeedFetcher fetcher) {
    return new CsvQuoteSource(null, Objects.requireNonNull(url, "url"), Objects.requireNonNull(fetcher, "fetcher"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public synchronized List<Quote> fetch() throws QuoteException {
    if (file != null) {
      return parse(readFile(), NAME);
    }
    FetchResult result;
    try {
      result = fetcher.fetch(url, validators);
    } catch (FeedException e) {
      throw new QuoteException(e.httpStatus() == 429 ? QuoteException.Reason.RATE_LIMITED
          : QuoteException.Reason.FETCH_FAILED, "csv: " + e.reason() + " " + e.getMessage(), e.retryAfter());
    }
    if (!result.notModified()) {
      last = parse(new String(result.body(), StandardCharsets.UTF_8), NAME);
    }
    validators = result.validators();
    return last;
  }

  private String readFile() throws QuoteException {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new QuoteException(QuoteException.Reason.BAD_DATA, "csv: " + file.getFileName() + " is too large");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new QuoteException(QuoteException.Reason.FETCH_FAILED,
          "csv: cannot read " + file.getFileName() + ": " + e.getClass().getSimpleName());
    }
  }

  static List<Quote> parse(String text, String source) throws QuoteException {
    List<Quote> quotes = new ArrayList<>();
    String[] lines = text.replace("\ufeff", "").split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || (quotes.isEmpty() && line.toLowerCase(Locale.ROOT).startsWith("vendor,"))) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (fields.length != 4) {
        throw badLine(i, "expected vendor,ticker,marketCapUsd,at");
      }
      try {
        quotes.add(new Quote(unquote(fields[0]), unquote(fields[1]),
            Double.parseDouble(unquote(fields[2]).replace("_", "")), instant(unquote(fields[3])), source));
      } catch (NumberFormatException e) {
        throw badLine(i, "market cap is not a number");
      } catch (DateTimeParseException e) {
        throw badLine(i, "unreadable time");
      } catch (IllegalArgumentException e) {
        throw badLine(i, e.getMessage());
      }
    }
    return quotes;
  }

  private static Instant instant(String text) {
    if (text.length() == 10) {
      return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(text).toInstant();
    }
  }

  private static String unquote(String field) {
    String f = field.strip();
    return f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"") ? f.substring(1, f.length() - 1).strip() : f;
  }

  private static QuoteException badLine(int index, String why) {
    return new QuoteException(QuoteException.Reason.BAD_DATA, "csv line " + (index + 1) + ": " + why);
  }

  @Override
  public String toString() {
    return "CsvQuoteSource[" + (file != null ? file.getFileName() : url.getHost()) + "]";
  }
}
