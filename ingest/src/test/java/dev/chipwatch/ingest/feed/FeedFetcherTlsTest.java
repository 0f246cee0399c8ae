package dev.chipwatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** https to a pinned IP: the certificate must still be verified against the host name, via SNI. */
class FeedFetcherTlsTest {
  static TestServer server;
  static FeedFetcher fetcher;
  static final AtomicReference<String> seenHost = new AtomicReference<>();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.https().route("/feed", exchange -> {
      seenHost.set(exchange.getRequestHeaders().getFirst("Host"));
      TestServer.send(exchange, 200, "application/rss+xml", FeedFetcherTest.RSS);
    });
    FetchSettings settings = FetchSettings.defaults()
        .withAllowedHosts(Set.of(TestServer.HOST, TestServer.OTHER_HOST))
        .withSslContext(TestServer.tlsContext());
    fetcher = new FeedFetcher(settings, TestServer.RESOLVER, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void certificateForTheHostNameIsAcceptedAtThePinnedAddress() throws Exception {
    FetchResult result = fetcher.fetch(server.uri("/feed"), null);

    assertEquals(200, result.status());
    assertEquals(FeedFetcherTest.RSS, new String(result.body(), StandardCharsets.UTF_8));
    assertEquals(TestServer.HOST + ":" + server.port(), seenHost.get());
  }

  @Test
  void certificateForAnotherNameIsRefusedAsTls() {
    // same IP, same trusted certificate, but it names feed.test only
    FeedException e = assertThrows(FeedException.class,
        () -> fetcher.fetch(server.uri(TestServer.OTHER_HOST, "/feed"), null));

    assertEquals(FeedException.Reason.TLS, e.reason());
  }
}
