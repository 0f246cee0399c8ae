package dev.chipwatch.alerts.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * When to try a failed delivery again: exponential backoff with jitter, or exactly what the
 * receiver asked for with Retry-After (never earlier), until the attempts or the time budget run
 * out and the delivery goes to the dead-letter topic. Plain data in, an instant out, so the
 * caller can persist the next attempt time and a restart resumes the schedule.
 */
public final class RetryPolicy {

  /** Spread retries that were told the same Retry-After by up to this fraction of it. */
  private static final double RETRY_AFTER_SPREAD = 0.1;
  private static final Duration MAX_RETRY_AFTER_SPREAD = Duration.ofSeconds(5);

  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;
  private final double jitter;
  private final int maxAttempts;
  private final Duration maxElapsed;
  private final Random random;
  private final Clock clock;

  /**
   * @param jitter fraction in [0, 1] taken off each backoff at random: 0.5 waits between half
   *     and all of the exponential delay, so failed senders do not retry in lockstep
   * @param maxAttempts attempts in all, the first one included
   * @param maxElapsed no retry is scheduled later than this after the first attempt
   */
  public RetryPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter,
      int maxAttempts, Duration maxElapsed, Random random, Clock clock) {
    this.initialDelay = positive(initialDelay, "initialDelay");
    this.maxDelay = positive(maxDelay, "maxDelay");
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("maxDelay is shorter than initialDelay");
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("multiplier must be at least 1");
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be within 0..1");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.multiplier = multiplier;
    this.jitter = jitter;
    this.maxAttempts = maxAttempts;
    this.maxElapsed = positive(maxElapsed, "maxElapsed");
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** 1 s doubling to at most 5 min, half jitter, 30 attempts within 24 h. */
  public static RetryPolicy defaults(Random random, Clock clock) {
    return new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, 0.5, 30,
        Duration.ofHours(24), random, clock);
  }

  /**
   * @param attemptsMade attempts so far, the one that just failed included (≥ 1)
   * @param firstAttemptAt when the first attempt was made
   * @return when to try again, or empty to give up (dead-letter)
   */
  public Optional<Instant> nextAttempt(int attemptsMade, Instant firstAttemptAt, DeliveryResult result) {
    if (!(result instanceof DeliveryResult.Retryable retryable) || attemptsMade >= maxAttempts) {
      return Optional.empty();
    }
    Instant next = clock.instant().plus(delay(attemptsMade, retryable));
    if (next.isAfter(firstAttemptAt.plus(maxElapsed))) {
      return Optional.empty();
    }
    return Optional.of(next);
  }

  /** The wait after {@code attemptsMade} failed attempts: Retry-After when given, else backoff. */
  public Duration delay(int attemptsMade, DeliveryResult.Retryable result) {
    return result.retryAfter().map(this::honour).orElseGet(() -> backoff(attemptsMade));
  }

  /** Exponential backoff with jitter: initial × multiplier^(n−1), capped, minus up to jitter of it. */
  public Duration backoff(int attemptsMade) {
    double exponent = Math.max(0, attemptsMade - 1);
    double millis = Math.min(initialDelay.toMillis() * Math.pow(multiplier, exponent), maxDelay.toMillis());
    double jittered = millis * (1.0 - jitter * random.nextDouble());
    return Duration.ofMillis(Math.max(1, Math.round(jittered)));
  }

  /**
   * Never earlier than asked; with jitter on, a little later at random (≤ 10 %, ≤ 5 s), so the
   * senders told the same Retry-After do not all return in the same instant.
   */
  private Duration honour(Duration retryAfter) {
    Duration asked = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    if (jitter == 0.0) {
      return asked;
    }
    long spreadMillis = Math.min(Math.round(asked.toMillis() * RETRY_AFTER_SPREAD), MAX_RETRY_AFTER_SPREAD.toMillis());
    return asked.plusMillis(spreadMillis == 0 ? 0 : (long) (random.nextDouble() * spreadMillis));
  }

  private static Duration positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return duration;
  }
}
