package dev.chipwatch.alerts.notify;

import dev.chipwatch.schemas.avro.Alert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * POSTs each alert to a user's endpoint as a CloudEvents structured-mode JSON event, signed with
 * HMAC-SHA256 over the exact body ({@code X-Chipwatch-Signature: sha256=<hex>}) and carrying
 * {@code Idempotency-Key: <alert id>}.
 *
 * <p>Structured mode holds one event per request, so a list goes out as consecutive requests in
 * order, stopping at the first failure. A retry of the list resends the alerts delivered before
 * it; receivers drop those by their Idempotency-Key (the alert id, also the event id).
 */
public final class WebhookNotifier implements Notifier {

  private static final String WHAT = "webhook";

  private final URI endpoint;
  private final Secret endpointUrl;
  private final Secret signingKey;
  private final Duration timeout;
  private final String source;
  private final HttpOutcomes outcomes;

  /**
   * @param endpointUrl a secret too: endpoint URLs often embed tokens
   * @param signingKey the HMAC key shared with the receiver
   */
  public WebhookNotifier(HttpClient http, Secret endpointUrl, Secret signingKey, Duration timeout, Clock clock) {
    this.endpointUrl = Objects.requireNonNull(endpointUrl, "endpointUrl");
    this.endpoint = HttpTargets.parse(endpointUrl, "Webhook");
    this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.source = AlertCloudEvent.DEFAULT_SOURCE;
    this.outcomes = new HttpOutcomes(Objects.requireNonNull(http, "http"), Objects.requireNonNull(clock, "clock"));
  }

  @Override
  public DeliveryResult send(List<Alert> alerts) {
    for (Alert alert : alerts) {
      DeliveryResult result = sendOne(alert);
      if (!result.isOk()) {
        return result;
      }
    }
    return DeliveryResult.ok();
  }

  private DeliveryResult sendOne(Alert alert) {
    byte[] body = AlertCloudEvent.toBytes(alert, source);
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", AlertCloudEvent.CONTENT_TYPE + "; charset=utf-8")
        .header(HmacSignature.HEADER, HmacSignature.sign(signingKey, body))
        .header("Idempotency-Key", alert.getId())
        .header("User-Agent", "chipwatch-alerts")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    DeliveryResult result = outcomes.send(request, WHAT, endpointUrl);
    return scrub(result);
  }

  /** The HMAC key never travels, but a receiver could echo it back in an error body. */
  private DeliveryResult scrub(DeliveryResult result) {
    if (result instanceof DeliveryResult.Retryable r) {
      return new DeliveryResult.Retryable(signingKey.redact(r.reason()), r.retryAfter());
    }
    if (result instanceof DeliveryResult.Permanent p) {
      return DeliveryResult.permanent(signingKey.redact(p.reason()));
    }
    return result;
  }

  @Override
  public String toString() {
    return "WebhookNotifier[endpoint=***, signingKey=***]";
  }
}
