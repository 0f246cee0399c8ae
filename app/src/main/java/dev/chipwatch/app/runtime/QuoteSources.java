package dev.chipwatch.app.runtime;

import dev.chipwatch.app.config.ConfigException;
import dev.chipwatch.app.config.SecretSettings;
import dev.chipwatch.ingest.feed.FeedFetcher;
import dev.chipwatch.ingest.quotes.CsvQuoteSource;
import dev.chipwatch.ingest.quotes.HttpJsonQuoteSource;
import dev.chipwatch.ingest.quotes.QuoteException;
import dev.chipwatch.ingest.quotes.QuoteSource;
import dev.chipwatch.ingest.quotes.ScriptedQuoteSource;
import dev.chipwatch.ingest.quotes.Ticker;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the quote sources listed under ingest.quotes:
 * {@code {type: fmp|alpha-vantage, apiKey|apiKeyFile|apiKeyEnv, tickers: {nvidia: NVDA}}},
 * {@code {type: http-json, url: "...{ticker}...{apiKey}", pointer: /marketCap, tickers, minIntervalSeconds}},
 * {@code {type: csv, file: PATH | url: URL}}, {@code {type: scripted, source: PATH | classpath:NAME}}.
 */
public final class QuoteSources {
  private static final Map<String, Set<String>> KEYS = Map.of(
      "fmp", Set.of("type", "apiKey", "apiKeyFile", "apiKeyEnv", "tickers"),
      "alpha-vantage", Set.of("type", "apiKey", "apiKeyFile", "apiKeyEnv", "tickers"),
      "http-json", Set.of("type", "name", "url", "pointer", "apiKey", "apiKeyFile", "apiKeyEnv", "tickers",
          "minIntervalSeconds"),
      "csv", Set.of("type", "file", "url"),
      "scripted", Set.of("type", "source"));

  private QuoteSources() {}

  public static List<QuoteSource> build(List<Map<String, Object>> config, Map<String, String> env, FeedFetcher fetcher,
      Clock clock) {
    List<QuoteSource> sources = new ArrayList<>();
    for (int i = 0; i < config.size(); i++) {
      Map<String, Object> c = config.get(i);
      String at = "ingest.quotes[" + i + "]";
      String type = String.valueOf(c.get("type"));
      Set<String> allowed = KEYS.get(type);
      if (allowed == null) {
        throw new ConfigException(at + ".type: expected one of " + KEYS.keySet() + ", got '" + c.get("type") + "'");
      }
      c.keySet().stream().filter(k -> !allowed.contains(k)).findFirst().ifPresent(k -> {
        throw new ConfigException("unknown configuration key " + at + "." + k);
      });
      sources.add(switch (type) {
        case "fmp" -> HttpJsonQuoteSource.financialModelingPrep(SecretSettings.resolve(c, "apiKey", env, at, true),
            tickers(c, at), fetcher, clock);
        case "alpha-vantage" -> HttpJsonQuoteSource.alphaVantage(SecretSettings.resolve(c, "apiKey", env, at, true),
            tickers(c, at), fetcher, clock);
        case "http-json" -> new HttpJsonQuoteSource(String.valueOf(c.getOrDefault("name", "http-json")),
            required(c, "url", at), required(c, "pointer", at), SecretSettings.resolve(c, "apiKey", env, at, false),
            tickers(c, at), Duration.ofSeconds(Long.parseLong(String.valueOf(c.getOrDefault("minIntervalSeconds", "60")))),
            fetcher, clock);
        case "csv" -> c.get("file") != null ? CsvQuoteSource.ofFile(Path.of(String.valueOf(c.get("file"))))
            : CsvQuoteSource.ofUrl(URI.create(required(c, "url", at)), fetcher);
        default -> scripted(required(c, "source", at), at);
      });
    }
    return sources;
  }

  private static ScriptedQuoteSource scripted(String source, String at) {
    try {
      String csv;
      if (source.startsWith("classpath:")) {
        try (InputStream in = QuoteSources.class.getResourceAsStream("/" + source.substring("classpath:".length()))) {
          if (in == null) {
            throw new ConfigException(at + ".source: no bundled resource " + source);
          }
          csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      } else {
        csv = Files.readString(Path.of(source));
      }
      return ScriptedQuoteSource.fromCsv(csv);
    } catch (IOException e) {
      throw new ConfigException(at + ".source: cannot read " + source);
    } catch (QuoteException e) {
      throw new ConfigException(at + ".source: " + e.getMessage());
    }
  }

  private static List<Ticker> tickers(Map<String, Object> c, String at) {
    if (!(c.get("tickers") instanceof Map<?, ?> map) || map.isEmpty()) {
      throw new ConfigException(at + ".tickers: expected a mapping of vendor id to ticker, e.g. {nvidia: NVDA}");
    }
    return map.entrySet().stream().map(e -> new Ticker(String.valueOf(e.getKey()), String.valueOf(e.getValue()))).toList();
  }

  private static String required(Map<String, Object> c, String key, String at) {
    Object v = c.get(key);
    if (v == null || String.valueOf(v).isBlank()) {
      throw new ConfigException(at + "." + key + ": required");
    }
    return String.valueOf(v);
  }
}
