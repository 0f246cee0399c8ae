package dev.chipwatch.app.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A WebSub hub on loopback, as the specification has it: takes (un)subscription requests with 202,
 * then verifies intent with a GET on the subscriber's callback; pushes content when told.
 */
final class FakeHub implements AutoCloseable {
  /** A request the hub took, and whether the subscriber echoed the challenge when it was verified. */
  record Request(Map<String, String> form, boolean verified) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient client = HttpClient.newHttpClient();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(threads);
    server.createContext("/hub", exchange -> {
      try (exchange) {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(202, -1);
        threads.execute(() -> requests.add(new Request(form, verify(form))));
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hub";
  }

  private boolean verify(Map<String, String> form) {
    String challenge = UUID.randomUUID().toString();
    String query = "hub.mode=" + form.get("hub.mode") + "&hub.topic=" + enc(form.get("hub.topic"))
        + "&hub.challenge=" + challenge + ("subscribe".equals(form.get("hub.mode")) ? "&hub.lease_seconds=3600" : "");
    try {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(form.get("hub.callback") + "?" + query)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && challenge.equals(r.body());
    } catch (Exception e) {
      return false;
    }
  }

  /** Pushes {@code body} to a subscriber's callback; returns the HTTP status it answered. */
  int push(String callback, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(callback)).header("Content-Type", "application/rss+xml")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
