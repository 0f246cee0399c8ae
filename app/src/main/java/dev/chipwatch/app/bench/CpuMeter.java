package dev.chipwatch.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time of the whole process and of the threads whose names match, between two snapshots.
 * Threads that ended between the snapshots are lost to the per-thread figure, so pools are kept alive.
 */
final class CpuMeter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  record Snapshot(long processNanos, Map<Long, Long> threadNanos) {}

  private final Predicate<String> threadNames;

  CpuMeter(Predicate<String> threadNames) {
    this.threadNames = threadNames;
  }

  Snapshot take() {
    Map<Long, Long> threads = new HashMap<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && threadNames.test(info.getThreadName())) {
        long cpu = THREADS.getThreadCpuTime(info.getThreadId());
        if (cpu >= 0) {
          threads.put(info.getThreadId(), cpu);
        }
      }
    }
    return new Snapshot(processCpuNanos(), threads);
  }

  /** Seconds of CPU used by the matching threads since {@code before}. */
  static double threadSeconds(Snapshot before, Snapshot after) {
    long total = 0;
    for (Map.Entry<Long, Long> e : after.threadNanos().entrySet()) {
      total += e.getValue() - before.threadNanos().getOrDefault(e.getKey(), 0L);
    }
    return total / 1e9;
  }

  static double processSeconds(Snapshot before, Snapshot after) {
    return (after.processNanos() - before.processNanos()) / 1e9;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
