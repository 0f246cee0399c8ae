package dev.chipwatch.alerts.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one delivery attempt. Reasons are for operators (logs, the DLQ): they never
 * carry a secret such as a webhook URL or password.
 */
public sealed interface DeliveryResult {

  /** The receiver accepted the message. */
  record Ok() implements DeliveryResult {}

  /**
   * A later attempt may succeed (5xx, 429, network errors, timeouts).
   *
   * @param retryAfter how long the receiver asked us to wait (Retry-After), if it said
   */
  record Retryable(String reason, Optional<Duration> retryAfter) implements DeliveryResult {
    public Retryable {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }

  /**
   * Nothing was sent: a local limit (Slack's one message per second per webhook, or a pause after
   * its 429) holds the message back for {@code holdFor}. Not a failure: it costs no attempt.
   */
  record Throttled(Duration holdFor) implements DeliveryResult {
    public Throttled {
      Objects.requireNonNull(holdFor, "holdFor");
    }
  }

  /** Retrying cannot help (bad credentials, rejected payload, 4xx): dead-letter it. */
  record Permanent(String reason) implements DeliveryResult {
    public Permanent {
      Objects.requireNonNull(reason, "reason");
    }
  }

  Ok OK = new Ok();

  static DeliveryResult ok() {
    return OK;
  }

  static Retryable retryable(String reason) {
    return new Retryable(reason, Optional.empty());
  }

  static Retryable retryable(String reason, Duration retryAfter) {
    return new Retryable(reason, Optional.ofNullable(retryAfter));
  }

  static Throttled throttled(Duration wait) {
    return new Throttled(wait);
  }

  static Permanent permanent(String reason) {
    return new Permanent(reason);
  }

  default boolean isOk() {
    return this instanceof Ok;
  }
}
