package dev.chipwatch.alerts.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.alerts.notify.FakeHttpReceiver.Answer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackRateLimiterTest {

  final MutableClock clock = new MutableClock(Instant.parse("2025-07-15T09:00:00Z"));
  final SlackRateLimiter limiter = new SlackRateLimiter(clock);

  @Test
  void oneMessagePerSecondPerWebhook() {
    assertTrue(limiter.tryAcquire("team"));
    assertFalse(limiter.tryAcquire("team"));
    assertTrue(limiter.tryAcquire("ops"), "webhooks are limited independently");
    clock.advance(Duration.ofMillis(400));
    assertFalse(limiter.tryAcquire("team"));
    assertEquals(Duration.ofMillis(600), limiter.waitTime("team"));
    clock.advance(Duration.ofMillis(600));
    assertEquals(Duration.ZERO, limiter.waitTime("team"));
    assertTrue(limiter.tryAcquire("team"));
  }

  @Test
  void reservationsBookConsecutiveSlots() {
    assertEquals(Duration.ZERO, limiter.reserve("team"));
    assertEquals(Duration.ofSeconds(1), limiter.reserve("team"));
    assertEquals(Duration.ofSeconds(2), limiter.reserve("team"));
    clock.advance(Duration.ofSeconds(10));
    assertEquals(Duration.ZERO, limiter.reserve("team"), "an idle webhook does not bank slots");
  }

  @Test
  void pauseAfter429HoldsTheWebhookAndNeverShortens() {
    limiter.pauseUntil("team", clock.instant().plusSeconds(30));
    limiter.pauseUntil("team", clock.instant().plusSeconds(5));
    clock.advance(Duration.ofSeconds(29));
    assertFalse(limiter.tryAcquire("team"));
    clock.advance(Duration.ofSeconds(1));
    assertTrue(limiter.tryAcquire("team"));
  }

  @Test
  void slackNotifierHoldsBackAndObeysRetryAfter() throws Exception {
    try (FakeHttpReceiver slack = new FakeHttpReceiver()) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      var notifier = new SlackNotifier(http, Secret.of(slack.url("/services/T/B/x")), Duration.ofSeconds(1), clock, limiter);

      assertEquals(DeliveryResult.ok(), notifier.send(List.of(TestAlerts.h20())));
      var held = assertInstanceOf(DeliveryResult.Throttled.class, notifier.send(List.of(TestAlerts.h20())));
      assertEquals(Duration.ofSeconds(1), held.holdFor());
      assertEquals(1, slack.received.size(), "the held message never left");

      clock.advance(Duration.ofSeconds(1));
      slack.answer(Answer.rateLimited("30"));
      assertInstanceOf(DeliveryResult.Retryable.class, notifier.send(List.of(TestAlerts.h20())));
      clock.advance(Duration.ofSeconds(2));
      var paused = assertInstanceOf(DeliveryResult.Throttled.class, notifier.send(List.of(TestAlerts.h20())));
      assertEquals(Duration.ofSeconds(28), paused.holdFor());
      assertEquals(2, slack.received.size());
    }
  }
}
