package dev.chipwatch.app.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server standing in for Slack or a webhook. Each request is recorded with the
 * status it was answered; {@code answers} chooses the status from the request's number (0 based).
 * A request can also be held open (the receiver got it, the sender never learns) until released.
 */
final class StandInReceiver implements AutoCloseable {
  /** Answer: drop the connection without a response once released. */
  static final int HOLD_THEN_DROP = -1;

  record Received(int number, Instant at, String path, String body, int status) {
    boolean accepted() {
      return status >= 200 && status < 300;
    }

    /** The 12-character alert id prefixes a Slack message names in its context blocks. */
    List<String> slackAlertIds() {
      List<String> ids = new ArrayList<>();
      Matcher m = Pattern.compile("alert ([0-9a-f]{12})").matcher(body);
      while (m.find()) {
        ids.add(m.group(1));
      }
      return ids;
    }
  }

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile IntFunction<Integer> answers = n -> 200;
  private volatile String retryAfter = "1";
  private volatile boolean echo;

  StandInReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void answer(IntFunction<Integer> answers) {
    this.answers = answers;
  }

  /** Like a misbehaving server, quote the URL called and the headers received in every error body. */
  void echoInErrors() {
    echo = true;
  }

  void releaseHeld() {
    release.countDown();
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    int number;
    int status;
    synchronized (this) {
      number = received.size();
      status = answers.apply(number);
      received.add(new Received(number, Instant.now(), exchange.getRequestURI().getPath(), body, status));
    }
    if (status == HOLD_THEN_DROP) {
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close(); // no response: the sender cannot know the message arrived
      return;
    }
    if (status == 429) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    String text = status == 200 ? "ok" : echo ? "bad request to " + url(exchange.getRequestURI().toString())
        + " with " + new java.util.TreeMap<>(exchange.getRequestHeaders()) : "no";
    byte[] reply = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, reply.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply);
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}
