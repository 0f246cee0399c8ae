package dev.chipwatch.ingest.quotes;

import java.time.Instant;
import java.util.Objects;

/**
 * A company's market value at a moment, as a quote source gave it.
 *
 * @param vendor Chipwatch vendor id ({@code nvidia}), the key of {@code market.quotes}
 * @param ticker exchange symbol ({@code NVDA})
 * @param source the quote source's name ({@code fmp}, {@code alphavantage}, {@code csv}, {@code scripted})
 */
public record Quote(String vendor, String ticker, double marketCapUsd, Instant at, String source) {
  public Quote {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(source, "source");
    if (!Double.isFinite(marketCapUsd) || marketCapUsd <= 0) {
      throw new IllegalArgumentException("market cap must be a positive number, not " + marketCapUsd);
    }
  }
}
