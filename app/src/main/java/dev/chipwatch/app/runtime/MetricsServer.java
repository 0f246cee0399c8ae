package dev.chipwatch.app.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Serves /metrics (Prometheus text) and /health (200 when every service runs, else 503). */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;

  public MetricsServer(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier healthy,
      Supplier<Map<String, String>> states) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 16);
    server.createContext("/metrics", exchange -> {
      if (!allowGet(exchange)) {
        return;
      }
      respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
    });
    server.createContext("/health", exchange -> {
      if (!allowGet(exchange)) {
        return;
      }
      boolean ok = healthy.getAsBoolean();
      String body = states.get().entrySet().stream()
          .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
          .collect(Collectors.joining(",", "{\"status\":\"" + (ok ? "UP" : "DOWN") + "\",\"services\":{", "}}"));
      respond(exchange, ok ? 200 : 503, "application/json", body);
    });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static boolean allowGet(HttpExchange exchange) throws IOException {
    if ("GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod())) {
      return true;
    }
    respond(exchange, 405, "text/plain", "GET only\n");
    return false;
  }

  private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
