package dev.chipwatch.ingest.feed;

/** A feed that could not be fetched or read, with a reason from a fixed set. */
public class FeedException extends Exception {
  /** Why a feed failed; stable names, used in the dlq and as metric labels. */
  public enum Reason {
    TIMEOUT, TOO_LARGE, NOT_A_FEED, PARSE_ERROR, HTTP_STATUS, BLOCKED_ADDRESS, TLS, DNS, IO, TOO_MANY_REDIRECTS, BAD_URL
  }

  private final Reason reason;

  public FeedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public FeedException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
