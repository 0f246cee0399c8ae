package dev.chipwatch.enrich.tagging;

import java.util.List;
import java.util.Set;

/** What the tagger found in one article. Sets are sorted for stable output. */
public record Tags(
    Set<String> vendors,
    Set<String> chips,
    Set<String> countries,
    List<PolicyAction> events,
    List<MarketValue> marketCaps) {}
