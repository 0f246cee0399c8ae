package dev.chipwatch.ingest.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit and cancels the transfer beyond it, so that an endless or huge
 * body costs at most {@code limit} bytes of memory and reading. Pulls one chunk at a time.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
  /** The body went past the limit; an IOException so that the HttpClient passes it through as the cause. */
  static final class TooLargeException extends IOException {
    TooLargeException(String message) {
      super(message);
    }
  }

  private final long limit;
  private final boolean truncate;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
  private volatile Flow.Subscription subscription;

  /**
   * @param truncate when true, a body over the limit is cut and completes normally (for bodies we do not use,
   *     like a redirect's); when false it fails with {@link TooLargeException}
   */
  CappedBodySubscriber(long limit, boolean truncate) {
    this.limit = limit;
    this.truncate = truncate;
  }

  /** A subscriber that fails at once, e.g. when Content-Length already says the body is too large. */
  static CappedBodySubscriber refusing(String message) {
    CappedBodySubscriber subscriber = new CappedBodySubscriber(0, false);
    subscriber.body.completeExceptionally(new TooLargeException(message));
    return subscriber;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (body.isDone()) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (body.isDone()) {
      return; // signals may still arrive after cancel
    }
    for (ByteBuffer buffer : buffers) {
      long room = limit - collected.size();
      if (buffer.remaining() > room) {
        if (truncate) {
          append(buffer, (int) room);
          body.complete(collected.toByteArray());
        } else {
          body.completeExceptionally(new TooLargeException("body exceeds " + limit + " bytes"));
        }
        subscription.cancel();
        return;
      }
      append(buffer, buffer.remaining());
    }
    subscription.request(1);
  }

  private void append(ByteBuffer buffer, int count) {
    byte[] chunk = new byte[count];
    buffer.get(chunk);
    collected.write(chunk, 0, count);
  }

  @Override
  public void onError(Throwable error) {
    body.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    body.complete(collected.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  /** Stops the transfer now (deadline passed); the HttpClient then closes the connection. */
  void abort() {
    body.completeExceptionally(new IOException("aborted"));
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
