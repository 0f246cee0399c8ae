package dev.chipwatch.app.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of measured durations, in milliseconds. */
final class Percentiles {
  private final long[] sortedNanos;

  Percentiles(long[] nanos) {
    this.sortedNanos = nanos.clone();
    Arrays.sort(sortedNanos);
  }

  double millis(double percentile) {
    int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
    return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
  }
}
