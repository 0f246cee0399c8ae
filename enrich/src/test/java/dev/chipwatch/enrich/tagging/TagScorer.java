package dev.chipwatch.enrich.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The logic of eval/score.py ("tags" mode) in Java: per-field set P/R/F1, events as triples, caps within 1 %. */
final class TagScorer {
  static final List<String> FIELDS = List.of("vendors", "chips", "countries", "events", "marketCaps");

  /** True/false positives and false negatives of one field. */
  static final class Counts {
    int tp;
    int fp;
    int fn;

    double precision() {
      return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
    }

    double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }
  }

  final Map<String, Counts> counts = new LinkedHashMap<>();
  final List<String> differences = new ArrayList<>();
  int articles;
  int missing;

  TagScorer() {
    FIELDS.forEach(f -> counts.put(f, new Counts()));
  }

  /** Scores one article; {@code actual} is null when the tagger produced nothing for it. */
  void add(JsonNode expected, Tags actual) {
    articles++;
    String link = expected.get("link").asText();
    if (actual == null) {
      missing++;
      actual = new Tags(Set.of(), Set.of(), Set.of(), List.of(), List.of());
    }
    compare(link, "vendors", strings(expected.get("vendors")), actual.vendors());
    compare(link, "chips", strings(expected.get("chips")), actual.chips());
    compare(link, "countries", strings(expected.get("countries")), actual.countries());
    compare(link, "events", expectedTriples(expected.get("events")), actualTriples(actual.events()));
    for (PolicyAction e : actual.events()) {
      for (String t : actualTriples(List.of(e))) {
        if (!expectedTriples(expected.get("events")).contains(t)) {
          differences.add("      " + t + " from: " + e.evidence());
        }
      }
    }
    compareCaps(link, expected.get("marketCaps"), actual.marketCaps());
  }

  private void compare(String link, String field, Set<String> expected, Set<String> actual) {
    Counts c = counts.get(field);
    for (String e : expected) {
      if (actual.contains(e)) {
        c.tp++;
      } else {
        c.fn++;
        differences.add(link + " " + field + " missed " + e);
      }
    }
    for (String a : actual) {
      if (!expected.contains(a)) {
        c.fp++;
        differences.add(link + " " + field + " extra " + a);
      }
    }
  }

  private void compareCaps(String link, JsonNode expected, List<MarketValue> actual) {
    List<MarketValue> left = new ArrayList<>(actual);
    Counts c = counts.get("marketCaps");
    if (expected != null) {
      for (JsonNode e : expected) {
        String vendor = e.get("vendor").asText();
        double usd = e.get("usd").asDouble();
        MarketValue hit = null;
        for (MarketValue a : left) {
          if (a.vendor().equals(vendor) && a.usd() != 0 && Math.abs(a.usd() - usd) <= 0.01 * usd) {
            hit = a;
            break;
          }
        }
        if (hit != null) {
          c.tp++;
          left.remove(hit);
        } else {
          c.fn++;
          differences.add(link + " marketCaps missed " + vendor + " " + usd);
        }
      }
    }
    for (MarketValue a : left) {
      c.fp++;
      differences.add(link + " marketCaps extra " + a.vendor() + " " + a.usd() + " <- " + a.evidence());
    }
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> out = new HashSet<>();
    if (array != null) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  private static Set<String> expectedTriples(JsonNode events) {
    Set<String> out = new HashSet<>();
    if (events != null) {
      for (JsonNode e : events) {
        List<String> items = new ArrayList<>(strings(e.get("items")));
        if (items.isEmpty()) {
          items.add("");
        }
        for (String item : items) {
          out.add(e.get("type").asText() + "(" + item + " -> " + e.get("destination").asText() + ")");
        }
      }
    }
    return out;
  }

  private static Set<String> actualTriples(List<PolicyAction> events) {
    Set<String> out = new HashSet<>();
    for (PolicyAction e : events) {
      List<String> items = e.items().isEmpty() ? List.of("") : e.items();
      for (String item : items) {
        out.add(e.type() + "(" + item + " -> " + e.destination() + ")");
      }
    }
    return out;
  }

  String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%d articles, %d missing%n", articles, missing));
    sb.append(String.format("%-12s%6s%6s%6s%8s%8s%8s%n", "field", "tp", "fp", "fn", "prec", "recall", "f1"));
    counts.forEach((f, c) -> sb.append(String.format("%-12s%6d%6d%6d%8.3f%8.3f%8.3f%n",
        f, c.tp, c.fp, c.fn, c.precision(), c.recall(), c.f1())));
    return sb.toString();
  }
}
