package dev.chipwatch.ingest.feed;

import java.net.URI;
import java.time.Duration;

/**
 * A successful fetch: a 2xx with its (decompressed) body, or a 304.
 *
 * @param status the final HTTP status
 * @param notModified true on 304: {@code body} is empty and {@code validators} are the ones to keep
 * @param body decompressed body, at most {@link FetchSettings#maxBodyBytes()} bytes; empty on 304
 * @param contentType the Content-Type header, or null
 * @param validators for the next conditional GET (the previous ones when a 304 did not repeat them)
 * @param finalUri where the body came from after redirects
 * @param retryAfter a Retry-After the server sent with this response, or null
 */
public record FetchResult(
    int status,
    boolean notModified,
    byte[] body,
    String contentType,
    Validators validators,
    URI finalUri,
    Duration retryAfter) {}
