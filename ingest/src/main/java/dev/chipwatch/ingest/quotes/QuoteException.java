package dev.chipwatch.ingest.quotes;

import java.time.Duration;

/** A quote source that failed, with a reason from a fixed set. Messages never contain API keys. */
public class QuoteException extends Exception {
  public enum Reason {
    /** The provider said we asked too often (HTTP 429, or Alpha Vantage's 200 with "Information"/"Note"). */
    RATE_LIMITED,
    /** The request failed: network, timeout, guard, HTTP status; the message names the fetch failure. */
    FETCH_FAILED,
    /** An answer arrived but held no usable market cap. */
    BAD_DATA
  }

  private final Reason reason;
  private final Duration retryAfter;

  public QuoteException(Reason reason, String message) {
    this(reason, message, null);
  }

  public QuoteException(Reason reason, String message, Duration retryAfter) {
    super(message);
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  public Reason reason() {
    return reason;
  }

  /** How long the provider asked us to wait, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
