package dev.chipwatch.alerts.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Sends one HTTP request and classifies the outcome the way the delivery loop needs it:
 * 2xx OK; 429, 408, 5xx and network errors retryable (429 honouring Retry-After, which
 * Alertmanager does not); any other status permanent. Reasons are scrubbed of the secret.
 */
final class HttpOutcomes {

  private static final int MAX_BODY_IN_REASON = 200;

  private final HttpClient http;
  private final Clock clock;

  HttpOutcomes(HttpClient http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /**
   * @param what names the receiver in reasons ("Slack webhook"); never the URL
   * @param secret scrubbed from every reason
   */
  DeliveryResult send(HttpRequest request, String what, Secret secret) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return DeliveryResult.retryable(what + ": timed out (" + e.getClass().getSimpleName() + ")");
    } catch (IOException e) {
      return DeliveryResult.retryable(what + ": network error " + describe(e, secret));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DeliveryResult.retryable(what + ": interrupted");
    }
    return classify(response.statusCode(), response.headers().firstValue("Retry-After"),
        response.body(), what, secret);
  }

  DeliveryResult classify(int status, Optional<String> retryAfter, String body, String what, Secret secret) {
    String reason = what + ": HTTP " + status + bodySnippet(body, secret);
    if (status >= 200 && status < 300) {
      return DeliveryResult.ok();
    }
    if (status == 429 || status == 503) {
      return DeliveryResult.retryable(reason, retryAfter.flatMap(this::parseRetryAfter).orElse(null));
    }
    if (status == 408 || status >= 500) {
      return DeliveryResult.retryable(reason);
    }
    return DeliveryResult.permanent(reason);
  }

  /** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
  Optional<Duration> parseRetryAfter(String value) {
    String trimmed = value.strip();
    try {
      long seconds = Long.parseLong(trimmed);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  /** "ConnectException: Connection refused", scrubbed; the JDK may put host or URL in messages. */
  static String describe(Throwable e, Secret secret) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    return secret.redact(root.getClass().getSimpleName() + message);
  }

  private static String bodySnippet(String body, Secret secret) {
    if (body == null || body.isBlank()) {
      return "";
    }
    // Scrub before cutting, so a secret cut in half cannot slip through.
    String oneLine = secret.redact(body.strip().replaceAll("\\s+", " "));
    if (oneLine.length() > MAX_BODY_IN_REASON) {
      oneLine = oneLine.substring(0, MAX_BODY_IN_REASON) + "…";
    }
    return " (" + oneLine + ")";
  }
}
