package dev.chipwatch.alerts.notify;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 standing in for Slack or a webhook receiver. Answers are
 * queued; the last one repeats, so "500 twice, then OK" is {@code answer(FAIL, FAIL, OK)}.
 */
final class FakeHttpReceiver implements AutoCloseable {

  record Answer(int status, String body, Map<String, String> headers, long delayMillis) {
    static Answer ok() {
      return new Answer(200, "ok", Map.of(), 0);
    }

    static Answer status(int status, String body) {
      return new Answer(status, body, Map.of(), 0);
    }

    static Answer rateLimited(String retryAfter) {
      return new Answer(429, "rate_limited", Map.of("Retry-After", retryAfter), 0);
    }

    static Answer slow(long delayMillis) {
      return new Answer(200, "ok", Map.of(), delayMillis);
    }
  }

  record Received(String method, String path, Headers headers, String body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "fake-http-receiver");
    thread.setDaemon(true);
    return thread;
  });
  private final Deque<Answer> answers = new ArrayDeque<>(List.of(Answer.ok()));
  final List<Received> received = new CopyOnWriteArrayList<>();

  FakeHttpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  synchronized void answer(Answer... queue) {
    answers.clear();
    answers.addAll(List.of(queue));
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** A URL on which nothing listens: connections are refused. */
  static String refusingUrl(String path) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    return "http://127.0.0.1:" + port + path;
  }

  private synchronized Answer next() {
    return answers.size() > 1 ? answers.poll() : answers.peek();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        exchange.getRequestHeaders(), body));
    Answer answer = next();
    if (answer.delayMillis() > 0) {
      try {
        Thread.sleep(answer.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.close();
        return;
      }
    }
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    server.stop(0);
  }
}
