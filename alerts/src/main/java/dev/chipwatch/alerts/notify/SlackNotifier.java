package dev.chipwatch.alerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chipwatch.schemas.avro.Alert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Posts alerts to a Slack incoming webhook as one Block Kit message. The webhook URL is the
 * credential: it appears in no exception, reason or {@code toString}.
 */
public final class SlackNotifier implements Notifier {

  private static final String WHAT = "Slack webhook";

  private final URI webhook;
  private final Secret webhookUrl;
  private final Duration timeout;
  private final HttpOutcomes outcomes;
  private final SlackMessageFormat format = new SlackMessageFormat();
  private final ObjectMapper json = new ObjectMapper();
  private final Clock clock;
  private final SlackRateLimiter limiter;
  private final String limiterKey;

  /**
   * @param http shared client; its connect timeout bounds connection attempts
   * @param timeout bounds the whole request, so a stalled Slack cannot hold the delivery loop
   * @param clock resolves Retry-After dates
   */
  public SlackNotifier(HttpClient http, Secret webhookUrl, Duration timeout, Clock clock) {
    this(http, webhookUrl, timeout, clock, null);
  }

  /**
   * @param limiter shared by every notifier of the process, so that two rules posting to the
   *     same webhook still respect one message per second; null for none
   */
  public SlackNotifier(HttpClient http, Secret webhookUrl, Duration timeout, Clock clock, SlackRateLimiter limiter) {
    this.webhookUrl = Objects.requireNonNull(webhookUrl, "webhookUrl");
    this.webhook = HttpTargets.parse(webhookUrl, WHAT);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.outcomes = new HttpOutcomes(Objects.requireNonNull(http, "http"), clock);
    this.limiter = limiter;
    this.limiterKey = "slack:" + HmacSignature.sha256Hex(webhookUrl.reveal());
  }

  @Override
  public DeliveryResult send(List<Alert> alerts) {
    if (alerts.isEmpty()) {
      return DeliveryResult.ok();
    }
    if (limiter != null && !limiter.tryAcquire(limiterKey)) {
      return DeliveryResult.throttled(limiter.waitTime(limiterKey));
    }
    String body;
    try {
      body = json.writeValueAsString(format.message(alerts));
    } catch (JsonProcessingException e) {
      return DeliveryResult.permanent(WHAT + ": cannot write message JSON: " + e.getOriginalMessage());
    }
    HttpRequest request = HttpRequest.newBuilder(webhook)
        .timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    DeliveryResult result = outcomes.send(request, WHAT, webhookUrl);
    if (limiter != null && result instanceof DeliveryResult.Retryable r && r.retryAfter().isPresent()) {
      limiter.pauseUntil(limiterKey, clock.instant().plus(r.retryAfter().get()));
    }
    return result;
  }

  @Override
  public String toString() {
    return "SlackNotifier[webhook=***]";
  }
}
