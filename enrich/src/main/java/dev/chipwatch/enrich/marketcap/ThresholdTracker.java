package dev.chipwatch.enrich.marketcap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Market-value threshold crossings with hysteresis, like a Schmitt trigger: an upward crossing
 * fires when the value reaches the threshold; the value then counts as above until it falls below
 * {@code threshold × (1 - hysteresis)}, which fires the downward crossing. A value wobbling around
 * $4T therefore raises one crossing, not one per wobble.
 */
public final class ThresholdTracker {
  public enum Direction { UP, DOWN }

  public record Crossing(double threshold, Direction direction) {}

  /** The thresholds the value now counts as above, and the crossings this move fired. */
  public record Result(Set<Double> above, List<Crossing> crossings) {}

  private final double hysteresis;

  public ThresholdTracker(double hysteresis) {
    if (hysteresis < 0 || hysteresis >= 0.5) {
      throw new IllegalArgumentException("hysteresis must be in [0, 0.5)");
    }
    this.hysteresis = hysteresis;
  }

  /** The state for a first observation: no crossing, since nothing is known of where it came from. */
  public Set<Double> initial(List<Double> thresholds, double value) {
    Set<Double> above = new TreeSet<>();
    for (double t : thresholds) {
      if (value >= t) {
        above.add(t);
      }
    }
    return above;
  }

  /** @param above thresholds the previous value counted as above */
  public Result move(List<Double> thresholds, Set<Double> above, double value) {
    Set<Double> nowAbove = new TreeSet<>(above);
    List<Crossing> crossings = new ArrayList<>();
    for (double t : thresholds) {
      boolean wasAbove = above.contains(t);
      if (!wasAbove && value >= t) {
        nowAbove.add(t);
        crossings.add(new Crossing(t, Direction.UP));
      } else if (wasAbove && value < t * (1 - hysteresis)) {
        nowAbove.remove(t);
        crossings.add(new Crossing(t, Direction.DOWN));
      }
    }
    crossings.sort((a, b) -> a.direction() == Direction.UP
        ? Double.compare(a.threshold(), b.threshold())
        : Double.compare(b.threshold(), a.threshold()));
    return new Result(nowAbove, crossings);
  }
}
