package dev.chipwatch.ingest.feed;

import java.time.Duration;

/**
 * A feed that could not be fetched or read, with a reason from a fixed set.
 *
 * <p>Messages name at most the host, never the full URL: query strings may carry API keys.
 */
public class FeedException extends Exception {
  /** Why a feed failed; stable names, used in the dlq and as metric labels. */
  public enum Reason {
    TIMEOUT, TOO_LARGE, NOT_A_FEED, PARSE_ERROR, HTTP_STATUS, BLOCKED_ADDRESS, TLS, DNS, IO, TOO_MANY_REDIRECTS, BAD_URL,
    /** The document declares a DTD with an internal subset: entity tricks (XXE, billion laughs) are refused unread. */
    FORBIDDEN_DOCTYPE
  }

  private final Reason reason;
  private final Duration retryAfter;
  private final int httpStatus;

  public FeedException(Reason reason, String message) {
    this(reason, message, null, null);
  }

  public FeedException(Reason reason, String message, Throwable cause) {
    this(reason, message, cause, null);
  }

  /** @param retryAfter how long the server asked us to wait (429/503 Retry-After), or null */
  public FeedException(Reason reason, String message, Throwable cause, Duration retryAfter) {
    this(reason, message, cause, retryAfter, 0);
  }

  private FeedException(Reason reason, String message, Throwable cause, Duration retryAfter, int httpStatus) {
    super(message, cause);
    this.reason = reason;
    this.retryAfter = retryAfter;
    this.httpStatus = httpStatus;
  }

  /** An HTTP_STATUS failure: the server answered {@code status}. */
  public static FeedException httpStatus(int status, String message, Duration retryAfter) {
    return new FeedException(Reason.HTTP_STATUS, message, null, retryAfter, status);
  }

  public Reason reason() {
    return reason;
  }

  /** The HTTP status behind an HTTP_STATUS failure; 0 for every other reason. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The server's Retry-After, when it sent a usable one; null otherwise. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
