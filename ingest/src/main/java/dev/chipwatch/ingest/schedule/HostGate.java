package dev.chipwatch.ingest.schedule;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Politeness per host: at most {@code limit} fetches at once to one host, and none at all while the
 * host asked us to wait (429/503 with Retry-After), whichever of its feeds was told. Used from the
 * poller's thread only. Holds state only for hosts with a fetch in flight or a pause still running.
 */
public final class HostGate {
  private static final class HostState {
    int inFlight;
    Instant pausedUntil = Instant.MIN;
  }

  private final int limit;
  private final Map<String, HostState> hosts = new HashMap<>();

  public HostGate(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("per-host limit must be at least 1, got " + limit);
    }
    this.limit = limit;
  }

  /** The key fetches are counted under: the host name, lower-cased. */
  public static String hostOf(java.net.URI uri) {
    return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
  }

  /** Takes a fetch slot for {@code host}; false while the host is paused or at its limit. */
  public boolean tryAcquire(String host, Instant now) {
    HostState state = hosts.computeIfAbsent(host, h -> new HostState());
    if (now.isBefore(state.pausedUntil) || state.inFlight >= limit) {
      return false;
    }
    state.inFlight++;
    return true;
  }

  /** Gives back a slot taken by {@link #tryAcquire}. */
  public void release(String host, Instant now) {
    HostState state = hosts.get(host);
    if (state == null) {
      return;
    }
    state.inFlight = Math.max(0, state.inFlight - 1);
    forgetIfIdle(host, state, now);
  }

  /** No fetch to {@code host} before {@code until}; a shorter pause never cuts a longer one. */
  public void pause(String host, Instant until) {
    HostState state = hosts.computeIfAbsent(host, h -> new HostState());
    if (until.isAfter(state.pausedUntil)) {
      state.pausedUntil = until;
    }
  }

  /** When the host's pause ends, or null when it is not paused. */
  public Instant pausedUntil(String host, Instant now) {
    HostState state = hosts.get(host);
    return state == null || !now.isBefore(state.pausedUntil) ? null : state.pausedUntil;
  }

  public int inFlight(String host) {
    HostState state = hosts.get(host);
    return state == null ? 0 : state.inFlight;
  }

  /** Hosts with state held: for tests, and to show the map does not grow with every host ever seen. */
  int hostsTracked() {
    return hosts.size();
  }

  private void forgetIfIdle(String host, HostState state, Instant now) {
    if (state.inFlight == 0 && !now.isBefore(state.pausedUntil)) {
      hosts.remove(host);
    }
  }

  /** Drops hosts whose pause has ended and that have nothing in flight. */
  public void sweep(Instant now) {
    hosts.entrySet().removeIf(e -> e.getValue().inFlight == 0 && !now.isBefore(e.getValue().pausedUntil));
  }
}
