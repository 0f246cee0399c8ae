package dev.chipwatch.ingest.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * How long to wait between two polls of a feed that works, from how often it has been seen to
 * change. A feed is polled about twice per observed gap between new items, so a busy feed is
 * polled more often than its configured interval (down to the floor); a feed that has been quiet
 * for a while is polled less often, a quarter of its quiet time, but at most {@code maxSlowdown}
 * times its configured interval (and never beyond the ceiling), so the operator's interval keeps
 * its meaning. With nothing observed yet, the configured interval is used.
 */
public final class AdaptiveInterval {
  /** Weight of the newest gap in the running mean: recent behaviour counts most. */
  static final double NEWEST_GAP_WEIGHT = 0.3;

  private final Duration floor;
  private final Duration ceiling;
  private final int maxSlowdown;

  public AdaptiveInterval(Duration floor, Duration ceiling, int maxSlowdown) {
    if (floor.isNegative() || floor.isZero() || ceiling.compareTo(floor) < 0 || maxSlowdown < 1) {
      throw new IllegalArgumentException("expected 0 < floor <= ceiling and maxSlowdown >= 1");
    }
    this.floor = floor;
    this.ceiling = ceiling;
    this.maxSlowdown = maxSlowdown;
  }

  /** The configured interval within the floor and the ceiling. */
  public Duration bounded(Duration configured) {
    return clamp(configured, floor, ceiling);
  }

  /**
   * @param configured the feed's own interval
   * @param meanGap running mean of the time between new items, or null when not yet observed
   * @param lastChangeAt when a poll last found new items, or null when unknown
   */
  public Duration next(Duration configured, Duration meanGap, Instant lastChangeAt, Instant now) {
    Duration base = bounded(configured);
    Duration wanted = meanGap == null ? base : meanGap.dividedBy(2);
    if (lastChangeAt != null) {
      Duration quietQuarter = Duration.between(lastChangeAt, now).dividedBy(4);
      if (quietQuarter.compareTo(wanted) > 0) {
        wanted = quietQuarter;
      }
    }
    Duration slowest = base.multipliedBy(maxSlowdown);
    return clamp(wanted, floor, slowest.compareTo(ceiling) < 0 ? slowest : ceiling);
  }

  /**
   * The running mean after a poll found {@code newItems} items {@code sinceLastChange} after the
   * previous poll that found any: each of them is taken to have come an equal share of that time apart.
   */
  public static Duration updatedMeanGap(Duration meanGap, Duration sinceLastChange, int newItems) {
    Duration sample = sinceLastChange.dividedBy(Math.max(1, newItems));
    if (meanGap == null) {
      return sample;
    }
    long mixed = Math.round(NEWEST_GAP_WEIGHT * sample.toMillis() + (1 - NEWEST_GAP_WEIGHT) * meanGap.toMillis());
    return Duration.ofMillis(mixed);
  }

  private static Duration clamp(Duration d, Duration lo, Duration hi) {
    if (d.compareTo(lo) < 0) {
      return lo;
    }
    return d.compareTo(hi) > 0 ? hi : d;
  }
}
