package dev.chipwatch.enrich.tagging;

/** A listed company's market value stated in an article. */
public record MarketValue(String vendor, double usd, String evidence) {}
