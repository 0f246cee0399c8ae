package dev.chipwatch.ingest.feed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** An in-process HTTP(S) server on 127.0.0.1 with a free port, for fetcher and quote tests. */
public final class TestServer implements AutoCloseable {
  /** Names the tests use; {@link #RESOLVER} maps them to loopback, the system resolver knows none of them. */
  public static final String HOST = "feed.test";
  public static final String OTHER_HOST = "other.test";
  public static final HostResolver RESOLVER = host -> {
    if (host.equals(HOST) || host.equals(OTHER_HOST)) {
      return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
    }
    throw new UnknownHostException(host);
  };

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-server");
    t.setDaemon(true);
    return t;
  });
  private final String scheme;

  private TestServer(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
    // handlers that sleep or drip must not hold up the others
    server.setExecutor(executor);
    server.start();
  }

  public static TestServer http() throws IOException {
    return new TestServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http");
  }

  /** HTTPS with a self-signed certificate for {@link #HOST} only. */
  public static TestServer https() throws Exception {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tlsContext()));
    return new TestServer(server, "https");
  }

  /** Server identity and, for the client, the matching trust: the same self-signed certificate. */
  public static SSLContext tlsContext() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = TestServer.class.getResourceAsStream("/tls/feed-test.p12")) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, "changeit".toCharArray());
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }

  public TestServer route(String path, HttpHandler handler) {
    server.createContext(path, exchange -> {
      try (exchange) {
        handler.handle(exchange);
      } catch (IOException e) {
        // the client hung up (deadline, size cap): expected in these tests
      }
    });
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** A URL on the test host name, which only {@link #RESOLVER} can resolve. */
  public URI uri(String pathAndQuery) {
    return uri(HOST, pathAndQuery);
  }

  public URI uri(String host, String pathAndQuery) {
    return URI.create(scheme + "://" + host + ":" + port() + pathAndQuery);
  }

  public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  public static void redirect(HttpExchange exchange, int status, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(status, -1);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
