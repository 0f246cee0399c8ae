package dev.chipwatch.ingest.feed;

/**
 * What a server said about the version it sent, to ask next time "only if changed".
 *
 * @param etag the ETag response header as received, or null
 * @param lastModified the Last-Modified response header as received, or null
 */
public record Validators(String etag, String lastModified) {
  public static final Validators NONE = new Validators(null, null);

  public boolean isEmpty() {
    return etag == null && lastModified == null;
  }
}
