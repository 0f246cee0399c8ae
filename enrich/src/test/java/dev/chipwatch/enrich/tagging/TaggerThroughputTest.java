package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.ingest.feed.FeedItem;
import dev.chipwatch.ingest.feed.FeedParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rough single-thread throughput of the full tag step over the labelled articles, printed so that a
 * slowdown shows. The target is 20 MB/s per core; the assertion only guards against a pathological
 * regression (catastrophic backtracking), since the build machine is shared.
 */
class TaggerThroughputTest {
  /** CPU time of this thread: other work on a shared machine does not count against the tagger. */
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
  @Test
  void tagsManyMegabytesPerSecond() throws Exception {
    Tagger tagger = new Tagger(Taxonomy.load());
    List<FeedItem> items = new ArrayList<>();
    for (String set : List.of("eval/dev", "eval/own")) {
      Path dir = Path.of(getClass().getClassLoader().getResource(set).toURI());
      try (Stream<Path> files = Files.list(dir)) {
        for (Path feed : files.filter(p -> p.toString().endsWith(".xml")).toList()) {
          items.addAll(new FeedParser().parse(Files.readAllBytes(feed), "application/xml", Instant.now()).items());
        }
      }
    }
    long bytesPerRound = 0;
    for (FeedItem i : items) {
      bytesPerRound += (i.title() + i.summary() + i.content()).getBytes(StandardCharsets.UTF_8).length;
    }
    int sink = 0;
    // warm up until the JIT has compiled the hot paths (about 3 s of CPU), then measure about 3 s
    long warmUntil = CPU.getCurrentThreadCpuTime() + 3_000_000_000L;
    while (CPU.getCurrentThreadCpuTime() < warmUntil) {
      for (FeedItem i : items) sink += tagger.tag(i.title(), i.summary(), i.content(), i.published()).events().size();
    }
    int rounds = 0;
    long start = CPU.getCurrentThreadCpuTime();
    while (CPU.getCurrentThreadCpuTime() - start < 3_000_000_000L) {
      for (FeedItem i : items) sink += tagger.tag(i.title(), i.summary(), i.content(), i.published()).events().size();
      rounds++;
    }
    double seconds = (CPU.getCurrentThreadCpuTime() - start) / 1e9;
    double mbPerSecond = bytesPerRound * rounds / 1e6 / seconds;
    System.out.printf("tag throughput: %.1f MB/s of CPU time (%d articles x %d rounds, %d events)%n", mbPerSecond, items.size(), rounds, sink);
    assertTrue(mbPerSecond > 1.0, "tagging is pathologically slow: " + mbPerSecond + " MB/s");
  }
}
