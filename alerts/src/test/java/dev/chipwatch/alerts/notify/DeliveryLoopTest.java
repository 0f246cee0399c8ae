package dev.chipwatch.alerts.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.alerts.notify.FakeHttpReceiver.Answer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The notifier and the retry policy together, as the delivery loop will drive them: a Slack
 * that fails for a while, then rate-limits, then recovers, gets the alert exactly once.
 */
class DeliveryLoopTest {

  @Test
  void slackFailingForAWhileGetsTheAlertOnceWithGrowingWaits() throws Exception {
    Instant start = Instant.parse("2025-07-15T09:00:00Z");
    MutableClock clock = new MutableClock(start);
    RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 2.0, 0.0, 10,
        Duration.ofHours(1), new Random(1), clock);
    try (FakeHttpReceiver slack = new FakeHttpReceiver()) {
      slack.answer(Answer.status(500, ""), Answer.status(502, ""), Answer.status(500, ""),
          Answer.rateLimited("20"), Answer.ok());
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      var notifier = new SlackNotifier(http, Secret.of(slack.url("/services/T/B/x")), Duration.ofSeconds(1), clock);

      List<Duration> waits = new ArrayList<>();
      DeliveryResult result = notifier.send(List.of(TestAlerts.h20()));
      int attempts = 1;
      while (!result.isOk()) {
        Optional<Instant> next = policy.nextAttempt(attempts, start, result);
        assertTrue(next.isPresent(), "gave up after " + attempts + ": " + result);
        waits.add(Duration.between(clock.instant(), next.get()));
        clock.advance(waits.get(waits.size() - 1));
        result = notifier.send(List.of(TestAlerts.h20()));
        attempts++;
      }

      assertEquals(5, slack.received.size());
      assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(20)), waits);
    }
  }
}
