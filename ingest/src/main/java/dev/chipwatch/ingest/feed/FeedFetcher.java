package dev.chipwatch.ingest.feed;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one URL politely and defensively with the JDK HttpClient: conditional GET, gzip/deflate, a cap on
 * the decompressed body, one deadline for the whole fetch (a server dripping a byte every few seconds is cut
 * off), redirects followed by hand with every hop passed through the {@link AddressGuard}, and each
 * connection made to the address the guard checked.
 *
 * <p>Pinning the address needs a Host header, which the JDK client refuses unless the system property
 * {@code jdk.httpclient.allowRestrictedHeaders} contains {@code host} before the client classes load. This
 * class sets it when it loads; launchers should also pass {@code -Djdk.httpclient.allowRestrictedHeaders=host}
 * in case other code touched the HttpClient first. Without it, requests go to the host name and the JDK
 * resolves it again: the guard still checks every hop, and the JDK's address cache (30 s by default) nearly
 * always hands the client the same answer, but a rebinding attack timed to the cache expiry is not excluded.
 * {@link #pinsAddresses()} tells which mode is active; a warning is logged once.
 *
 * <p>Exception messages name the host only, never the path or query (which may hold API keys).
 */
public final class FeedFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(FeedFetcher.class);
  private static final String RESTRICTED_HEADERS = "jdk.httpclient.allowRestrictedHeaders";
  private static final boolean HOST_HEADER_ALLOWED = allowHostHeader();
  private static final String ACCEPT =
      "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
          + "text/xml;q=0.8, application/json;q=0.7, */*;q=0.5";
  /** What we read of a body we do not use (redirects, errors). */
  private static final long UNUSED_BODY_BYTES = 64 * 1024;

  private final FetchSettings settings;
  private final AddressGuard guard;
  private final Clock clock;
  private final HttpClientPool clients;

  public FeedFetcher(FetchSettings settings) {
    this(settings, HostResolver.SYSTEM, Clock.systemUTC());
  }

  public FeedFetcher(FetchSettings settings, HostResolver resolver, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.guard = AddressGuard.of(settings, resolver);
    this.clock = Objects.requireNonNull(clock, "clock");
    ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "chipwatch-fetch");
      thread.setDaemon(true);
      return thread;
    });
    this.clients = new HttpClientPool(settings, executor);
  }

  /** True when connections go to the checked IP; false in the degraded mode described above. */
  public static boolean pinsAddresses() {
    return HOST_HEADER_ALLOWED;
  }

  public FetchSettings settings() {
    return settings;
  }

  /**
   * Fetches {@code uri}, following at most {@link FetchSettings#maxRedirects()} redirects.
   *
   * @param previous validators from the last successful fetch, or null
   * @return a 2xx with its decompressed body, or a 304 ({@link FetchResult#notModified()})
   * @throws FeedException for every failure, classified; 429 and 503 carry {@link FeedException#retryAfter()}
   */
  public FetchResult fetch(URI uri, Validators previous) throws FeedException {
    long deadline = System.nanoTime() + settings.totalDeadline().toNanos();
    Validators known = previous == null ? Validators.NONE : previous;
    URI current = checkUrl(uri);
    for (int redirects = 0; ; redirects++) {
      InetAddress address = guard.check(current.getHost());
      HttpResponse<byte[]> response = exchange(current, address, known, deadline);
      int status = response.statusCode();
      if (!isRedirect(status)) {
        return toResult(current, response, known);
      }
      if (redirects >= settings.maxRedirects()) {
        throw new FeedException(FeedException.Reason.TOO_MANY_REDIRECTS,
            current.getHost() + ": more than " + settings.maxRedirects() + " redirects");
      }
      current = redirectTarget(current, response);
    }
  }

  private HttpResponse<byte[]> exchange(URI uri, InetAddress address, Validators known, long deadline)
      throws FeedException {
    String host = uri.getHost();
    ConnectTarget target = HOST_HEADER_ALLOWED ? ConnectTarget.pinned(uri, address) : ConnectTarget.unpinned(uri);
    HttpClient client;
    try {
      client = clients.clientFor(target);
    } catch (IllegalArgumentException e) {
      // a name SNI cannot carry (underscore, trailing dot): fall back to the name, still guard-checked
      target = ConnectTarget.unpinned(uri);
      client = clients.clientFor(target);
    }
    HttpRequest request = request(target, known, remaining(deadline, host));
    AtomicReference<CappedBodySubscriber> body = new AtomicReference<>();
    long wireLimit = settings.maxBodyBytes() + settings.maxBodyBytes() / 64 + 1024; // room for gzip overhead
    HttpResponse.BodyHandler<byte[]> handler = info -> {
      CappedBodySubscriber subscriber = subscriberFor(info, wireLimit);
      body.set(subscriber);
      return subscriber;
    };
    CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, handler);
    try {
      return pending.get(remaining(deadline, host).toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      abort(pending, body);
      throw new FeedException(FeedException.Reason.TIMEOUT,
          host + ": no complete response within " + settings.totalDeadline().toMillis() + " ms");
    } catch (InterruptedException e) {
      abort(pending, body);
      Thread.currentThread().interrupt();
      throw new FeedException(FeedException.Reason.IO, host + ": interrupted", e);
    } catch (ExecutionException e) {
      throw classify(e.getCause(), host);
    }
  }

  private static CappedBodySubscriber subscriberFor(HttpResponse.ResponseInfo info, long wireLimit) {
    int status = info.statusCode();
    if (status < 200 || status > 299) {
      return new CappedBodySubscriber(UNUSED_BODY_BYTES, true);
    }
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (declared > wireLimit) {
      return CappedBodySubscriber.refusing("Content-Length " + declared + " exceeds the limit");
    }
    return new CappedBodySubscriber(wireLimit, false);
  }

  private static void abort(CompletableFuture<?> pending, AtomicReference<CappedBodySubscriber> body) {
    CappedBodySubscriber subscriber = body.get();
    if (subscriber != null) {
      subscriber.abort();
    }
    pending.cancel(true);
  }

  private HttpRequest request(ConnectTarget target, Validators known, Duration timeout) throws FeedException {
    try {
      HttpRequest.Builder builder = HttpRequest.newBuilder(target.requestUri())
          .GET()
          .timeout(timeout)
          .header("User-Agent", settings.userAgent())
          .header("Accept", ACCEPT)
          .header("Accept-Encoding", ContentDecoding.ACCEPTED);
      if (target.hostHeader() != null) {
        builder.header("Host", target.hostHeader());
      }
      if (known.etag() != null) {
        builder.header("If-None-Match", known.etag());
      }
      if (known.lastModified() != null) {
        builder.header("If-Modified-Since", known.lastModified());
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new FeedException(FeedException.Reason.BAD_URL, target.requestUri().getHost() + ": unusable request");
    }
  }

  private FetchResult toResult(URI uri, HttpResponse<byte[]> response, Validators known) throws FeedException {
    int status = response.statusCode();
    HttpHeaders headers = response.headers();
    Duration retryAfter = RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), clock.instant());
    String host = uri.getHost();
    if (status == 304) {
      Validators validators = new Validators(
          headers.firstValue("ETag").orElse(known.etag()),
          headers.firstValue("Last-Modified").orElse(known.lastModified()));
      return new FetchResult(304, true, new byte[0], headers.firstValue("Content-Type").orElse(null), validators,
          uri, retryAfter);
    }
    if (status == 429 || status == 503) {
      throw FeedException.httpStatus(status, host + ": HTTP " + status
          + (retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds() + " s"), retryAfter);
    }
    if (status < 200 || status > 299) {
      throw FeedException.httpStatus(status, host + ": HTTP " + status, null);
    }
    byte[] body = ContentDecoding.decode(
        response.body(), headers.firstValue("Content-Encoding").orElse(null), settings.maxBodyBytes(), host);
    Validators validators = new Validators(
        headers.firstValue("ETag").orElse(null), headers.firstValue("Last-Modified").orElse(null));
    return new FetchResult(status, false, body, headers.firstValue("Content-Type").orElse(null), validators, uri,
        retryAfter);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static URI redirectTarget(URI current, HttpResponse<?> response) throws FeedException {
    String location = response.headers().firstValue("Location").orElse(null);
    if (location == null || location.isBlank()) {
      throw FeedException.httpStatus(response.statusCode(),
          current.getHost() + ": HTTP " + response.statusCode() + " without Location", null);
    }
    try {
      return checkUrl(current.resolve(location.strip()));
    } catch (IllegalArgumentException e) {
      throw new FeedException(FeedException.Reason.BAD_URL, current.getHost() + ": unreadable redirect Location");
    }
  }

  /** Only absolute http(s) URLs with a host and no credentials; the fragment is dropped. */
  public static URI checkUrl(URI uri) throws FeedException {
    if (uri == null) {
      throw new FeedException(FeedException.Reason.BAD_URL, "no URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FeedException(FeedException.Reason.BAD_URL, "only http and https are fetched, not '" + scheme + "'");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new FeedException(FeedException.Reason.BAD_URL, "URL without a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new FeedException(FeedException.Reason.BAD_URL, uri.getHost() + ": credentials in URLs are refused");
    }
    if (uri.getRawFragment() == null) {
      return uri;
    }
    String text = uri.toString();
    return URI.create(text.substring(0, text.indexOf('#')));
  }

  private Duration remaining(long deadline, String host) throws FeedException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new FeedException(FeedException.Reason.TIMEOUT,
          host + ": no complete response within " + settings.totalDeadline().toMillis() + " ms");
    }
    return Duration.ofNanos(left);
  }

  private static FeedException classify(Throwable failure, String host) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CappedBodySubscriber.TooLargeException) {
        return new FeedException(FeedException.Reason.TOO_LARGE, host + ": " + t.getMessage(), t);
      }
      if (t instanceof HttpConnectTimeoutException) {
        return new FeedException(FeedException.Reason.TIMEOUT, host + ": connect timed out", t);
      }
      if (t instanceof HttpTimeoutException) {
        return new FeedException(FeedException.Reason.TIMEOUT, host + ": no response in time", t);
      }
      if (t instanceof SSLException) {
        return new FeedException(FeedException.Reason.TLS, host + ": TLS failed: " + withoutQuery(t.getMessage()), t);
      }
      if (t instanceof UnknownHostException) {
        return new FeedException(FeedException.Reason.DNS, host + " does not resolve", t);
      }
      if (t instanceof ConnectException) {
        return new FeedException(FeedException.Reason.IO, host + ": connection refused", t);
      }
    }
    String detail = failure == null ? "unknown failure" : failure.getClass().getSimpleName() + ": "
        + withoutQuery(failure.getMessage());
    return new FeedException(FeedException.Reason.IO, host + ": " + detail, failure);
  }

  /** JDK messages seldom hold URLs, but a query string must never reach a log. */
  private static String withoutQuery(String message) {
    return message == null ? "" : message.replaceAll("\\?\\S*", "?…");
  }

  private static boolean allowHostHeader() {
    String current = System.getProperty(RESTRICTED_HEADERS);
    if (current == null || current.isBlank()) {
      System.setProperty(RESTRICTED_HEADERS, "host");
    } else if (!current.toLowerCase(Locale.ROOT).contains("host")) {
      System.setProperty(RESTRICTED_HEADERS, current + ",host");
    }
    try {
      HttpRequest.newBuilder().header("Host", "probe.invalid");
      return true;
    } catch (IllegalArgumentException e) {
      LOG.warn("The JDK HttpClient refuses a Host header (it was loaded before {} was set): feeds are fetched by "
          + "host name, without pinning the checked address. Start the JVM with -D{}=host.",
          RESTRICTED_HEADERS, RESTRICTED_HEADERS);
      return false;
    }
  }
}
