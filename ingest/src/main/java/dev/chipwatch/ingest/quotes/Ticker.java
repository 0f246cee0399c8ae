package dev.chipwatch.ingest.quotes;

import java.util.Objects;

/** Which symbol to ask a quote source about, and the vendor id its quotes belong to. */
public record Ticker(String vendor, String symbol) {
  public Ticker {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(symbol, "symbol");
  }
}
