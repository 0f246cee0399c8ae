package dev.chipwatch.ingest.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HostGateTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void limitsFetchesPerHost() {
    HostGate gate = new HostGate(2);
    assertTrue(gate.tryAcquire("a.example", T0));
    assertTrue(gate.tryAcquire("a.example", T0));
    assertFalse(gate.tryAcquire("a.example", T0), "a third fetch to the same host waits");
    assertTrue(gate.tryAcquire("b.example", T0), "other hosts are not held up");
    gate.release("a.example", T0);
    assertTrue(gate.tryAcquire("a.example", T0));
    assertEquals(2, gate.inFlight("a.example"));
  }

  @Test
  void pauseHoldsEveryFetchToTheHostUntilItEnds() {
    HostGate gate = new HostGate(2);
    gate.pause("a.example", T0.plusSeconds(30));
    gate.pause("a.example", T0.plusSeconds(10));
    assertEquals(T0.plusSeconds(30), gate.pausedUntil("a.example", T0), "a shorter pause does not cut a longer one");
    assertFalse(gate.tryAcquire("a.example", T0.plusSeconds(29)));
    assertTrue(gate.tryAcquire("b.example", T0.plusSeconds(29)));
    assertTrue(gate.tryAcquire("a.example", T0.plusSeconds(30)));
    assertNull(gate.pausedUntil("a.example", T0.plusSeconds(30)));
  }

  @Test
  void keepsNoStateForIdleHosts() {
    HostGate gate = new HostGate(1);
    for (int i = 0; i < 100; i++) {
      String host = "h" + i + ".example";
      assertTrue(gate.tryAcquire(host, T0));
      gate.release(host, T0);
    }
    gate.pause("slow.example", T0.plusSeconds(5));
    assertEquals(1, gate.hostsTracked());
    gate.sweep(T0.plus(Duration.ofSeconds(5)));
    assertEquals(0, gate.hostsTracked());
  }

  @Test
  void hostsAreCaseInsensitive() {
    assertEquals("news.example", HostGate.hostOf(URI.create("https://NEWS.Example/feed")));
    assertEquals("", HostGate.hostOf(URI.create("unparseable:/")));
  }
}
