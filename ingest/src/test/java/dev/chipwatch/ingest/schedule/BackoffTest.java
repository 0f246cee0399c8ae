package dev.chipwatch.ingest.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final RandomGenerator NO_JITTER = () -> 0L;
  private static final RandomGenerator MOST_JITTER = () -> -1L;

  @Test
  void doublesUpToTheCeilingAndStaysThere() {
    Backoff b = new Backoff(Duration.ofSeconds(60), Duration.ofHours(1), NO_JITTER);
    assertEquals(Duration.ofSeconds(60), b.after(1));
    assertEquals(Duration.ofSeconds(120), b.after(2));
    assertEquals(Duration.ofSeconds(240), b.after(3));
    assertEquals(Duration.ofSeconds(1920), b.after(6));
    assertEquals(Duration.ofHours(1), b.after(7));
    assertEquals(Duration.ofHours(1), b.after(64), "no overflow after many failures");
    assertEquals(Duration.ofHours(1), b.after(Integer.MAX_VALUE));
  }

  @Test
  void jitterShortensByAtMostAFifthAndSpreads() {
    Backoff most = new Backoff(Duration.ofSeconds(60), Duration.ofHours(1), MOST_JITTER);
    assertTrue(most.after(1).compareTo(Duration.ofSeconds(48)) >= 0, most.after(1).toString());
    assertTrue(most.after(1).compareTo(Duration.ofSeconds(49)) < 0, most.after(1).toString());
    Backoff real = new Backoff(Duration.ofSeconds(60), Duration.ofHours(1), new SplittableRandom(7));
    Set<Duration> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      Duration d = real.after(10);
      assertTrue(d.compareTo(Duration.ofMinutes(48)) >= 0 && d.compareTo(Duration.ofHours(1)) <= 0, d.toString());
      seen.add(d);
    }
    assertTrue(seen.size() > 100, "waits are spread, not in lockstep: " + seen.size());
  }

  @Test
  void refusesNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofHours(1), NO_JITTER));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofHours(2), Duration.ofHours(1), NO_JITTER));
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), NO_JITTER);
    assertThrows(IllegalArgumentException.class, () -> b.after(0));
  }
}
