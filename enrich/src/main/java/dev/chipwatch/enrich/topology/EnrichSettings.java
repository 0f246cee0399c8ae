package dev.chipwatch.enrich.topology;

import dev.chipwatch.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the enrich topology needs besides the tagger.
 *
 * @param thresholds market-cap thresholds in USD per vendor id; key "default" for all others, else
 *     {@link #DEFAULT_LADDER}
 * @param hysteresis fraction below a threshold the value must fall before a downward crossing
 * @param corroborationSources independent feeds needed before a status change counts (1 = at once)
 * @param dedupRetention how long article ids are remembered
 */
public record EnrichSettings(
    Topics topics,
    Map<String, List<Double>> thresholds,
    double hysteresis,
    int corroborationSources,
    Duration dedupRetention) {

  /** $100B, $250B, $500B, then every whole trillion to $10T. */
  public static final List<Double> DEFAULT_LADDER = List.of(1.0e11, 2.5e11, 5.0e11,
      1.0e12, 2.0e12, 3.0e12, 4.0e12, 5.0e12, 6.0e12, 7.0e12, 8.0e12, 9.0e12, 1.0e13);

  public static EnrichSettings defaults(Topics topics) {
    return new EnrichSettings(topics, Map.of(), 0.02, 1, Duration.ofDays(30));
  }

  public List<Double> thresholdsFor(String vendor) {
    return thresholds.getOrDefault(vendor, thresholds.getOrDefault("default", DEFAULT_LADDER));
  }
}
