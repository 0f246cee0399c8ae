package dev.chipwatch.ingest.feed;

import static dev.chipwatch.ingest.feed.TestServer.redirect;
import static dev.chipwatch.ingest.feed.TestServer.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeedFetcherTest {
  static final String RSS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>T</title>"
      + "<item><title>H20 export licence</title><link>https://example.com/a</link></item></channel></rss>";
  static final Instant NOW = Instant.parse("2025-07-15T10:00:00Z");

  static TestServer server;
  static final AtomicLong hugeBytesWritten = new AtomicLong();
  static final AtomicReference<String> seenHost = new AtomicReference<>();
  static final AtomicReference<String> seenAgent = new AtomicReference<>();

  /** Loopback reached through a name explicitly allowed; 127.0.0.1 itself stays refused. */
  static FetchSettings settings = FetchSettings.defaults().withAllowedHosts(Set.of(TestServer.HOST));
  static FeedFetcher fetcher;

  @BeforeAll
  static void start() throws IOException {
    fetcher = new FeedFetcher(settings, TestServer.RESOLVER, Clock.fixed(NOW, ZoneOffset.UTC));
    server = TestServer.http()
        .route("/feed", exchange -> {
          seenHost.set(String.join(",", exchange.getRequestHeaders().get("Host")));
          seenAgent.set(exchange.getRequestHeaders().getFirst("User-Agent"));
          exchange.getResponseHeaders().set("ETag", "\"v1\"");
          exchange.getResponseHeaders().set("Last-Modified", "Tue, 15 Jul 2025 08:00:00 GMT");
          if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
          } else {
            send(exchange, 200, "application/rss+xml; charset=utf-8", RSS);
          }
        })
        .route("/missing", exchange -> send(exchange, 404, "text/plain", "no"))
        .route("/broken", exchange -> send(exchange, 500, "text/plain", "oops"))
        .route("/busy", exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "120");
          send(exchange, 429, "text/plain", "slow down");
        })
        .route("/maintenance", exchange -> {
          exchange.getResponseHeaders().set("Retry-After",
              DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atOffset(ZoneOffset.UTC)));
          send(exchange, 503, "text/plain", "later");
        })
        .route("/r1", exchange -> redirect(exchange, 302, "/r2"))
        .route("/r2", exchange -> redirect(exchange, 301, server.uri("/r3").toString()))
        .route("/r3", exchange -> redirect(exchange, 307, "feed"))
        .route("/hop", exchange -> {
          int n = Integer.parseInt(exchange.getRequestURI().getQuery());
          redirect(exchange, 302, n == 0 ? "/feed" : "/hop?" + (n - 1));
        })
        .route("/loop", exchange -> redirect(exchange, 302, "/loop"))
        .route("/to-loopback", exchange -> redirect(exchange, 302, "http://127.0.0.1:" + server.port() + "/feed"))
        .route("/to-metadata", exchange -> redirect(exchange, 302, "http://169.254.169.254/latest/meta-data/"))
        .route("/to-file", exchange -> redirect(exchange, 302, "file:///etc/passwd"))
        .route("/drip", exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          for (int i = 0; i < 150; i++) {
            out.write('<');
            out.flush();
            sleep(200);
          }
        })
        .route("/slow-headers", exchange -> {
          sleep(5_000);
          send(exchange, 200, "application/rss+xml", RSS);
        })
        .route("/huge", exchange -> {
          exchange.sendResponseHeaders(200, 0); // chunked, no length announced
          byte[] chunk = new byte[64 * 1024];
          OutputStream out = exchange.getResponseBody();
          for (long sent = 0; sent < 100L * 1024 * 1024; sent += chunk.length) {
            out.write(chunk);
            hugeBytesWritten.addAndGet(chunk.length);
          }
        })
        .route("/huge-declared", exchange -> {
          exchange.sendResponseHeaders(200, 100L * 1024 * 1024);
          exchange.getResponseBody().write(new byte[1024]);
        })
        .route("/bomb", exchange -> {
          exchange.getResponseHeaders().set("Content-Encoding", "gzip");
          send(exchange, 200, "application/rss+xml", GzipBomb.BYTES);
        })
        .route("/gzip", exchange -> {
          exchange.getResponseHeaders().set("Content-Encoding", "gzip");
          send(exchange, 200, "application/rss+xml", gzip(RSS.getBytes(StandardCharsets.UTF_8)));
        })
        .route("/deflate", exchange -> {
          exchange.getResponseHeaders().set("Content-Encoding", "deflate");
          send(exchange, 200, "application/rss+xml", deflate(RSS.getBytes(StandardCharsets.UTF_8)));
        })
        .route("/brotli", exchange -> {
          exchange.getResponseHeaders().set("Content-Encoding", "br");
          send(exchange, 200, "application/rss+xml", new byte[] {1, 2, 3});
        });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void fetchesAFeedThroughThePinnedAddressWithAnHonestUserAgent() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    HostResolver counting = host -> {
      lookups.incrementAndGet();
      return TestServer.RESOLVER.resolve(host);
    };
    FeedFetcher counted = new FeedFetcher(settings, counting, Clock.systemUTC());

    FetchResult result = counted.fetch(server.uri("/feed"), null);

    assertTrue(FeedFetcher.pinsAddresses());
    assertEquals(200, result.status());
    assertFalse(result.notModified());
    assertEquals(RSS, new String(result.body(), StandardCharsets.UTF_8));
    assertEquals("application/rss+xml; charset=utf-8", result.contentType());
    assertEquals(new Validators("\"v1\"", "Tue, 15 Jul 2025 08:00:00 GMT"), result.validators());
    // the system resolver cannot resolve feed.test: the client connected to the address the guard checked
    assertEquals(1, lookups.get());
    assertEquals(TestServer.HOST + ":" + server.port(), seenHost.get());
    assertEquals(FetchSettings.USER_AGENT, seenAgent.get());
  }

  @Test
  void conditionalGetRoundTripsTheEtag() throws Exception {
    FetchResult first = fetcher.fetch(server.uri("/feed"), null);
    FetchResult second = fetcher.fetch(server.uri("/feed"), first.validators());

    assertEquals(304, second.status());
    assertTrue(second.notModified());
    assertEquals(0, second.body().length);
    assertEquals(first.validators(), second.validators());
  }

  @Test
  void notFoundAndServerErrorAreHttpStatus() {
    FeedException missing = assertThrows(FeedException.class, () -> fetcher.fetch(server.uri("/missing"), null));
    FeedException broken = assertThrows(FeedException.class, () -> fetcher.fetch(server.uri("/broken"), null));

    assertEquals(FeedException.Reason.HTTP_STATUS, missing.reason());
    assertTrue(missing.getMessage().contains("404"), missing.getMessage());
    assertEquals(404, missing.httpStatus());
    assertNull(missing.retryAfter());
    assertEquals(FeedException.Reason.HTTP_STATUS, broken.reason());
    assertTrue(broken.getMessage().contains("500"), broken.getMessage());
  }

  @Test
  void tooManyRequestsCarriesRetryAfterInSeconds() {
    FeedException e = assertThrows(FeedException.class, () -> fetcher.fetch(server.uri("/busy"), null));

    assertEquals(FeedException.Reason.HTTP_STATUS, e.reason());
    assertTrue(e.getMessage().contains("429"), e.getMessage());
    assertEquals(429, e.httpStatus());
    assertEquals(Duration.ofSeconds(120), e.retryAfter());
  }

  @Test
  void unavailableCarriesRetryAfterGivenAsAnHttpDate() {
    FeedException e = assertThrows(FeedException.class, () -> fetcher.fetch(server.uri("/maintenance"), null));

    assertEquals(FeedException.Reason.HTTP_STATUS, e.reason());
    assertEquals(Duration.ofSeconds(90), e.retryAfter());
  }

  @Test
  void followsARedirectChainAndReportsTheFinalUrl() throws Exception {
    FetchResult result = fetcher.fetch(server.uri("/r1"), null);

    assertEquals(200, result.status());
    assertEquals(server.uri("/feed"), result.finalUri());
    assertEquals(RSS, new String(result.body(), StandardCharsets.UTF_8));
  }

  @Test
  void followsFiveRedirectsButNotSix() throws Exception {
    assertEquals(200, fetcher.fetch(server.uri("/hop?4"), null).status());

    FeedException e = assertThrows(FeedException.class, () -> fetcher.fetch(server.uri("/hop?5"), null));
    assertEquals(FeedException.Reason.TOO_MANY_REDIRECTS, e.reason());
  }

  @Test
  void redirectLoopEndsAsTooManyRedirects() {
    FeedException e = assertThrows(FeedException.class, () -> fetcher.fetch(server.uri("/loop"), null));

    assertEquals(FeedException.Reason.TOO_MANY_REDIRECTS, e.reason());
  }

  @Test
  void redirectToLoopbackIsRefusedWhenTheGuardIsOn() {
    FeedException e = assertThrows(FeedException.class, () -> fetcher.fetch(server.uri("/to-loopback"), null));

    assertEquals(FeedException.Reason.BLOCKED_ADDRESS, e.reason());
    assertTrue(e.getMessage().contains("loopback"), e.getMessage());
  }

  @Test
  void redirectToCloudMetadataIsRefusedEvenWithPrivateNetworksAllowed() {
    FeedFetcher lenient = new FeedFetcher(settings.withAllowPrivateNetworks(true), TestServer.RESOLVER, Clock.systemUTC());

    FeedException e = assertThrows(FeedException.class, () -> lenient.fetch(server.uri("/to-metadata"), null));

    assertEquals(FeedException.Reason.BLOCKED_ADDRESS, e.reason());
  }

  @Test
  void redirectToAnotherSchemeIsRefused() {
    FeedException e = assertThrows(FeedException.class, () -> fetcher.fetch(server.uri("/to-file"), null));

    assertEquals(FeedException.Reason.BAD_URL, e.reason());
  }

  @Test
  void loopbackLiteralIsRefusedByDefaultAndFetchedWhenPrivateNetworksAreAllowed() throws Exception {
    URI literal = server.uri("127.0.0.1", "/feed");
    FeedException e = assertThrows(FeedException.class, () -> fetcher.fetch(literal, null));
    FeedFetcher lenient = new FeedFetcher(FetchSettings.defaults().withAllowPrivateNetworks(true));

    assertEquals(FeedException.Reason.BLOCKED_ADDRESS, e.reason());
    assertEquals(200, lenient.fetch(literal, null).status());
  }

  @Test
  void dripFeedIsCutOffByTheTotalDeadline() {
    FeedFetcher impatient = new FeedFetcher(settings.withTotalDeadline(Duration.ofSeconds(1)), TestServer.RESOLVER,
        Clock.systemUTC());
    long start = System.nanoTime();

    FeedException e = assertThrows(FeedException.class, () -> impatient.fetch(server.uri("/drip"), null));

    assertEquals(FeedException.Reason.TIMEOUT, e.reason());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(2500)) < 0);
  }

  @Test
  void otherFeedsKeepFlowingWhileOneDrips() throws Exception {
    FeedFetcher shared = new FeedFetcher(settings.withTotalDeadline(Duration.ofSeconds(2)), TestServer.RESOLVER,
        Clock.systemUTC());
    java.util.concurrent.CompletableFuture<FeedException.Reason> drip =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            shared.fetch(server.uri("/drip"), null);
            return null;
          } catch (FeedException e) {
            return e.reason();
          }
        });
    sleep(200); // the drip is under way

    long start = System.nanoTime();
    FetchResult other = shared.fetch(server.uri("/feed"), null);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(200, other.status());
    assertTrue(took.compareTo(Duration.ofMillis(1000)) < 0, "took " + took);
    assertFalse(drip.isDone(), "the slow feed was still dripping");
    assertEquals(FeedException.Reason.TIMEOUT, drip.get());
  }

  @Test
  void slowHeadersAreCutOffByTheTotalDeadline() {
    FeedFetcher impatient = new FeedFetcher(settings.withTotalDeadline(Duration.ofSeconds(1)), TestServer.RESOLVER,
        Clock.systemUTC());
    long start = System.nanoTime();

    FeedException e = assertThrows(FeedException.class, () -> impatient.fetch(server.uri("/slow-headers"), null));

    assertEquals(FeedException.Reason.TIMEOUT, e.reason());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(2500)) < 0);
  }

  @Test
  void hundredMegabyteBodyIsTooLargeWithoutBeingReadToTheEnd() {
    FeedException e = assertThrows(FeedException.class, () -> fetcher.fetch(server.uri("/huge"), null));

    assertEquals(FeedException.Reason.TOO_LARGE, e.reason());
    assertTrue(hugeBytesWritten.get() < 50L * 1024 * 1024, "server wrote " + hugeBytesWritten.get());
  }

  @Test
  void announcedHugeBodyIsRefusedFromItsContentLength() {
    FeedException e = assertThrows(FeedException.class, () -> fetcher.fetch(server.uri("/huge-declared"), null));

    assertEquals(FeedException.Reason.TOO_LARGE, e.reason());
    assertTrue(e.getMessage().contains("Content-Length"), e.getMessage());
  }

  @Test
  void gzipBombIsTooLargeOnDecompressedBytes() {
    assertTrue(GzipBomb.BYTES.length < settings.maxBodyBytes() / 10, "the bomb itself is small");

    FeedException e = assertThrows(FeedException.class, () -> fetcher.fetch(server.uri("/bomb"), null));

    assertEquals(FeedException.Reason.TOO_LARGE, e.reason());
  }

  @Test
  void gzipAndDeflateBodiesAreDecoded() throws Exception {
    byte[] expected = RSS.getBytes(StandardCharsets.UTF_8);

    assertArrayEquals(expected, fetcher.fetch(server.uri("/gzip"), null).body());
    assertArrayEquals(expected, fetcher.fetch(server.uri("/deflate"), null).body());
  }

  @Test
  void unrequestedContentEncodingIsAnIoError() {
    FeedException e = assertThrows(FeedException.class, () -> fetcher.fetch(server.uri("/brotli"), null));

    assertEquals(FeedException.Reason.IO, e.reason());
    assertTrue(e.getMessage().contains("br"), e.getMessage());
  }

  @Test
  void unknownHostIsDns() {
    FeedException e = assertThrows(FeedException.class,
        () -> fetcher.fetch(URI.create("http://nowhere.test/feed"), null));

    assertEquals(FeedException.Reason.DNS, e.reason());
  }

  @Test
  void refusedConnectionIsIo() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    FeedException e = assertThrows(FeedException.class,
        () -> fetcher.fetch(URI.create("http://" + TestServer.HOST + ":" + closedPort + "/"), null));

    assertEquals(FeedException.Reason.IO, e.reason());
  }

  @Test
  void onlyHttpAndHttpsWithoutCredentialsAreFetched() {
    for (String url : new String[] {"ftp://feed.test/x", "file:///etc/passwd", "feed.test/x", "http:///x",
        "http://user:pw@feed.test/"}) {
      FeedException e = assertThrows(FeedException.class, () -> fetcher.fetch(URI.create(url), null), url);
      assertEquals(FeedException.Reason.BAD_URL, e.reason(), url);
    }
  }

  @Test
  void queryStringsNeverReachExceptionMessages() {
    FeedException missing = assertThrows(FeedException.class,
        () -> fetcher.fetch(server.uri("/missing?apikey=SECRET123"), null));
    FeedException timeout = assertThrows(FeedException.class,
        () -> new FeedFetcher(settings.withTotalDeadline(Duration.ofMillis(300)), TestServer.RESOLVER, Clock.systemUTC())
            .fetch(server.uri("/slow-headers?apikey=SECRET123"), null));

    for (Throwable t = missing; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains("SECRET123"), t.toString());
    }
    for (Throwable t = timeout; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains("SECRET123"), t.toString());
    }
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  static byte[] deflate(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** 64 MiB of zeros, gzipped to about 64 KB. */
  static final class GzipBomb {
    static final byte[] BYTES = build();

    private static byte[] build() {
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
          byte[] zeros = new byte[1024 * 1024];
          for (int i = 0; i < 64; i++) {
            gz.write(zeros);
          }
        }
        return out.toByteArray();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
