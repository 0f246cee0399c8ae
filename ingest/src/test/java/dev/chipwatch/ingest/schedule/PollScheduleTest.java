package dev.chipwatch.ingest.schedule;

import dev.chipwatch.ingest.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration FLOOR = Duration.ofMinutes(1);
  private static final Duration CEILING = Duration.ofHours(6);
  private static final Duration FIFTEEN_MIN = Duration.ofMinutes(15);
  private static final URI A = URI.create("https://wire.example/a.xml");
  private static final URI B = URI.create("https://wire.example/b.xml");
  private static final URI C = URI.create("https://wire.example/c.xml");
  private static final URI OTHER = URI.create("https://other.example/feed");

  private final MutableClock clock = new MutableClock(T0);
  private final PollSchedule schedule = new PollSchedule(FLOOR, CEILING, 4, 2, clock, new SplittableRandom(1));

  private Duration untilDue(String feed) {
    return Duration.between(clock.instant(), schedule.due(feed));
  }

  private void advanceToDue(String feed) {
    clock.advance(untilDue(feed));
  }

  @Test
  void aFeedThatChangesEveryFiveMinutesIsPolledAboutEveryTwoAndAHalf() {
    assertTrue(schedule.tryStart("a", A));
    schedule.succeeded("a", A, FIFTEEN_MIN, 20, clock.instant()); // the backlog: says nothing about the rate
    assertEquals(FIFTEEN_MIN, schedule.interval("a"));
    Instant lastItem = T0;
    for (int poll = 0; poll < 40; poll++) {
      advanceToDue("a");
      assertTrue(schedule.tryStart("a", A));
      int fresh = 0;
      while (!lastItem.plus(Duration.ofMinutes(5)).isAfter(clock.instant())) {
        lastItem = lastItem.plus(Duration.ofMinutes(5));
        fresh++;
      }
      schedule.succeeded("a", A, FIFTEEN_MIN, fresh, clock.instant());
    }
    Duration settled = schedule.interval("a");
    assertTrue(settled.compareTo(Duration.ofMinutes(2)) >= 0 && settled.compareTo(Duration.ofMinutes(4)) <= 0,
        "settled at " + settled);
  }

  @Test
  void aQuietFeedSlowsDownToFourTimesItsInterval() {
    assertTrue(schedule.tryStart("a", A));
    schedule.succeeded("a", A, FIFTEEN_MIN, 20, clock.instant());
    for (int poll = 0; poll < 30; poll++) {
      advanceToDue("a");
      assertTrue(schedule.tryStart("a", A));
      schedule.succeeded("a", A, FIFTEEN_MIN, 0, clock.instant());
      assertTrue(schedule.interval("a").compareTo(FIFTEEN_MIN) >= 0);
    }
    assertEquals(Duration.ofHours(1), schedule.interval("a"));
    advanceToDue("a");
    assertTrue(schedule.tryStart("a", A));
    schedule.succeeded("a", A, FIFTEEN_MIN, 1, clock.instant());
    assertEquals(Duration.ofHours(1), schedule.interval("a"),
        "one item after a long silence: the mean gap is long, so no rush");
  }

  @Test
  void aFailingFeedBacksOffWithJitterAndIsRetriedAtTheCeilingForEver() {
    assertTrue(schedule.tryStart("a", A));
    schedule.failed("a", A, null, false);
    assertEquals(1, schedule.failing());
    Duration first = untilDue("a");
    assertTrue(first.compareTo(FLOOR.multipliedBy(4).dividedBy(5)) >= 0 && first.compareTo(FLOOR) <= 0, first.toString());
    Duration previous = first;
    for (int n = 2; n <= 50; n++) {
      clock.advance(Duration.ofSeconds(1));
      assertFalse(schedule.tryStart("a", A), "not before its time");
      advanceToDue("a");
      assertTrue(schedule.tryStart("a", A), "still retried after " + (n - 1) + " failures");
      schedule.failed("a", A, null, false);
      Duration wait = untilDue("a");
      Duration base = n <= 10 ? FLOOR.multipliedBy(1L << (n - 1)) : CEILING;
      Duration expected = base.compareTo(CEILING) < 0 ? base : CEILING;
      assertTrue(wait.compareTo(expected.multipliedBy(4).dividedBy(5)) >= 0 && wait.compareTo(expected) <= 0,
          "failure " + n + ": " + wait + " for " + expected);
      if (n < 5) {
        assertTrue(wait.compareTo(previous) > 0, "grows");
      }
      previous = wait;
    }
    assertEquals(50, schedule.failures("a"));
    assertEquals(1, schedule.failing());
    advanceToDue("a");
    assertTrue(schedule.tryStart("a", A));
    schedule.succeeded("a", A, FIFTEEN_MIN, 0, clock.instant());
    assertEquals(0, schedule.failing());
    assertEquals(0, schedule.failures("a"));
    assertEquals(FIFTEEN_MIN, untilDue("a"));
  }

  @Test
  void retryAfterOn429HoldsEveryFeedOfThatHost() {
    for (String feed : new String[] {"a", "b"}) {
      assertTrue(schedule.tryStart(feed, feed.equals("a") ? A : B));
      schedule.succeeded(feed, feed.equals("a") ? A : B, FLOOR, 0, clock.instant());
    }
    clock.advance(FLOOR);
    assertTrue(schedule.tryStart("a", A));
    schedule.failed("a", A, Duration.ofMinutes(10), true);
    assertEquals(clock.instant().plus(Duration.ofMinutes(10)), schedule.due("a"), "Retry-After beats the shorter backoff");
    assertEquals(clock.instant().plus(Duration.ofMinutes(10)), schedule.hostPausedUntil(B));
    assertFalse(schedule.tryStart("b", B), "b is due, but its host asked for ten minutes");
    assertTrue(schedule.tryStart("x", OTHER), "other hosts go on");
    clock.advance(Duration.ofMinutes(9));
    assertFalse(schedule.tryStart("b", B));
    clock.advance(Duration.ofMinutes(1));
    assertTrue(schedule.tryStart("b", B));
    assertTrue(schedule.tryStart("a", A));
  }

  @Test
  void anAbsurdRetryAfterIsCappedAtTheCeilingAnd503WithoutOnePausesTheHostBriefly() {
    assertTrue(schedule.tryStart("a", A));
    schedule.failed("a", A, Duration.ofDays(365), true);
    assertEquals(CEILING, untilDue("a"));
    assertEquals(clock.instant().plus(CEILING), schedule.hostPausedUntil(B));

    assertTrue(schedule.tryStart("x", OTHER));
    schedule.failed("x", OTHER, null, true);
    Instant until = schedule.hostPausedUntil(OTHER);
    Duration pause = Duration.between(clock.instant(), until);
    assertTrue(pause.compareTo(FLOOR) <= 0 && pause.compareTo(FLOOR.multipliedBy(4).dividedBy(5)) >= 0, pause.toString());

    assertTrue(schedule.tryStart("y", URI.create("https://third.example/")));
    schedule.failed("y", URI.create("https://third.example/"), null, false);
    assertNull(schedule.hostPausedUntil(URI.create("https://third.example/")), "a 500 is the feed's problem only");
  }

  @Test
  void atMostTwoFetchesPerHostAtOnce() {
    assertTrue(schedule.tryStart("a", A));
    assertTrue(schedule.tryStart("b", B));
    assertFalse(schedule.tryStart("c", C), "the host already has two fetches running");
    assertTrue(schedule.tryStart("x", OTHER));
    schedule.succeeded("a", A, FIFTEEN_MIN, 0, clock.instant());
    assertTrue(schedule.tryStart("c", C));
    assertEquals(2, schedule.inFlight(C));
  }

  @Test
  void droppedAndForgottenFeedsGiveBackTheirSlotAndTheirFailure() {
    assertTrue(schedule.tryStart("a", A));
    assertTrue(schedule.tryStart("b", B));
    schedule.failed("b", B, null, false);
    assertEquals(1, schedule.failing());
    schedule.dropped("a", A);
    assertNull(schedule.due("a"));
    assertEquals(0, schedule.inFlight(A));
    schedule.retainOnly(Set.of());
    assertEquals(0, schedule.failing());
    assertNull(schedule.due("b"));
  }

  @Test
  void aRestartedPollerLearnsTheLastChangeFromTheCursor() {
    schedule.know("a", T0.minus(Duration.ofMinutes(30)));
    assertTrue(schedule.tryStart("a", A));
    schedule.succeeded("a", A, FIFTEEN_MIN, 3, clock.instant());
    assertEquals(Duration.ofMinutes(5), schedule.interval("a"), "three items in thirty minutes: a ten-minute gap");
  }

  @Test
  void aKafkaFailureRetriesSoonWithoutCountingAgainstTheFeed() {
    assertTrue(schedule.tryStart("a", A));
    schedule.retrySoon("a", A);
    assertEquals(0, schedule.failing());
    assertTrue(untilDue("a").compareTo(FLOOR) <= 0);
    assertEquals(0, schedule.inFlight(A));
  }
}
