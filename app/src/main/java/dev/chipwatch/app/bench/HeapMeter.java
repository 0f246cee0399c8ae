package dev.chipwatch.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap in use after collections, so that before/after differences measure what is still reachable. */
final class HeapMeter {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapMeter() {}

  /** Used heap in bytes after collecting until it stops shrinking (at most five rounds). */
  static long usedAfterGc() throws InterruptedException {
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
      long used = MEMORY.getHeapMemoryUsage().getUsed();
      if (used >= previous - 64 * 1024) {
        return Math.min(used, previous);
      }
      previous = used;
    }
    return previous;
  }
}
