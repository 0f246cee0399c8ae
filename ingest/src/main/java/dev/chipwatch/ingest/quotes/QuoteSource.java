package dev.chipwatch.ingest.quotes;

import java.util.List;

/**
 * Somewhere market values come from. Called periodically by the ingest service; the caller decides what
 * changed and what to produce.
 */
public interface QuoteSource {
  /** A short stable name, used as {@link Quote#source()}, in the dlq and as a metric label. */
  String name();

  /**
   * The quotes this call obtained: possibly none, when the source's rate limit says to wait.
   *
   * @throws QuoteException when the source failed; messages never contain credentials
   */
  List<Quote> fetch() throws QuoteException;
}
