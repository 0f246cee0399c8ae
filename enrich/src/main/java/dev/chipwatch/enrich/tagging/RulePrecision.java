package dev.chipwatch.enrich.tagging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * How often each trigger rule's events were right on the labelled sets ({@code rules/precision.tsv},
 * written by {@code eval/realweb/calibrate.py}): an event's confidence is its strongest rule's
 * measured precision, so an alert rule's {@code minConfidence} is a precision knob. A rule with few
 * or no measurements leans on its written confidence (two pseudo-observations of it).
 */
final class RulePrecision {
  static final String BUNDLED = "/rules/precision.tsv";
  private static final double PRIOR_WEIGHT = 2;

  private record Counts(int right, int wrong) {}

  private final Map<String, Counts> counts;

  private RulePrecision(Map<String, Counts> counts) {
    this.counts = Map.copyOf(counts);
  }

  static RulePrecision bundled() {
    try (InputStream in = RulePrecision.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + BUNDLED);
      }
      return parse(BUNDLED, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lines of rule, right, wrong separated by tabs; '#' starts a comment line. */
  static RulePrecision parse(String source, String tsv) {
    Map<String, Counts> counts = new HashMap<>();
    int n = 0;
    for (String line : tsv.split("\n")) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      try {
        counts.put(f[0], new Counts(Integer.parseInt(f[1].strip()), Integer.parseInt(f[2].strip())));
      } catch (RuntimeException e) {
        throw new IllegalStateException(source + ":" + n + ": expected rule, right, wrong separated by tabs");
      }
    }
    return new RulePrecision(counts);
  }

  java.util.Set<String> rules() {
    return counts.keySet();
  }

  /**
   * @param written the rule's confidence as written (and as lowered by modality for this event)
   * @param base the rule's written confidence alone
   */
  double confidence(String rule, double written, double base) {
    Counts c = counts.get(rule);
    if (c == null || base <= 0) {
      return written;
    }
    double measured = (c.right() + PRIOR_WEIGHT * base) / (c.right() + c.wrong() + PRIOR_WEIGHT);
    return Math.min(1.0, measured * (written / base));
  }
}
