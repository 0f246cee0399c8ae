package dev.chipwatch.ingest.websub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSub callback: hubs verify intent with a GET and push content with a POST to
 * {@code <path>/<token>}. A POST body is capped; one with a bad signature is answered 2xx and
 * ignored, as the specification asks.
 */
public final class WebSubCallbackServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebSubCallbackServer.class);

  private final HttpServer server;
  private final ExecutorService threads;
  private final String path;
  private final WebSubSubscriptions subscriptions;
  private final PushSink sink;
  private final long maxBodyBytes;

  public WebSubCallbackServer(String host, int port, String path, WebSubSubscriptions subscriptions, PushSink sink,
      long maxBodyBytes) throws IOException {
    this.path = path.endsWith("/") ? path : path + "/";
    this.subscriptions = subscriptions;
    this.sink = sink;
    this.maxBodyBytes = maxBodyBytes;
    this.threads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "chipwatch-websub");
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
    server.setExecutor(threads);
    server.createContext(this.path, this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String token = exchange.getRequestURI().getPath().substring(path.length());
      if (token.isEmpty() || token.contains("/")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      switch (exchange.getRequestMethod()) {
        case "GET" -> verify(exchange, token);
        case "POST" -> content(exchange, token);
        default -> exchange.sendResponseHeaders(405, -1);
      }
    } catch (RuntimeException e) {
      LOG.warn("websub callback failed: {}", e.toString());
    }
  }

  private void verify(HttpExchange exchange, String token) throws IOException {
    Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
    String answer = subscriptions.verify(token, q.get("hub.mode"), q.get("hub.topic"), q.get("hub.challenge"),
        q.get("hub.lease_seconds"));
    if (answer == null) {
      exchange.sendResponseHeaders(404, -1);
      return;
    }
    byte[] body = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void content(HttpExchange exchange, String token) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    }
    if (body.length > maxBodyBytes) {
      exchange.sendResponseHeaders(413, -1);
      return;
    }
    String feedId = subscriptions.pushed(token, body, exchange.getRequestHeaders().getFirst("X-Hub-Signature"));
    if (feedId == null && !subscriptions.knows(token)) {
      exchange.sendResponseHeaders(404, -1);
      return;
    }
    exchange.sendResponseHeaders(202, -1);
    if (feedId != null) {
      sink.pushed(feedId, body, exchange.getRequestHeaders().getFirst("Content-Type"));
    } else {
      LOG.warn("websub: ignored content with a missing or wrong signature");
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
