package dev.chipwatch.enrich.tagging;

/** A taxonomy file that cannot be used; the message names the file and the JSON path at fault. */
public final class TaxonomyException extends RuntimeException {
  public TaxonomyException(String message) {
    super(message);
  }

  public TaxonomyException(String message, Throwable cause) {
    super(message, cause);
  }
}
