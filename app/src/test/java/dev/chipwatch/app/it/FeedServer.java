package dev.chipwatch.app.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Serves RSS documents on loopback that a test changes as it goes; can hold a path's answers back. */
final class FeedServer implements AutoCloseable {
  /** One item: its link is its identity, the title is what a publisher may edit. */
  record Item(String link, String title, String pubDate) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
  /** Paths answered with an error status (and Retry-After, in seconds, when positive) instead of their feed. */
  private final Map<String, int[]> refusals = new ConcurrentHashMap<>();

  FeedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(threads);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      CountDownLatch hold = holds.get(path);
      try {
        if (hold != null && !hold.await(120, TimeUnit.SECONDS)) {
          throw new IOException("held too long");
        }
        int[] refusal = refusals.get(path);
        if (refusal != null) {
          if (refusal[1] > 0) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(refusal[1]));
          }
          exchange.sendResponseHeaders(refusal[0], -1);
          return;
        }
        String body = bodies.get(path);
        if (body == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void serve(String path, List<Item> items) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
        + "<title>restart wire</title><link>https://restart.example/</link><description>d</description>\n");
    for (Item i : items) {
      xml.append("<item><title>").append(i.title()).append("</title><link>").append(i.link())
          .append("</link><pubDate>").append(i.pubDate()).append("</pubDate><description>")
          .append(i.title()).append(" in detail.</description></item>\n");
    }
    bodies.put(path, xml.append("</channel></rss>").toString());
  }

  /** Serves {@code xml} as it is. */
  void serveRaw(String path, String xml) {
    bodies.put(path, xml);
  }

  static List<Item> items(String feed, int n) {
    return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> new Item(
        "https://restart.example/" + feed + "/" + i, feed + " story " + i,
        String.format("Mon, %02d Jun 2025 10:00:00 GMT", i))).toList();
  }

  /** Answers {@code path} with {@code status} (and a Retry-After when {@code retryAfterSeconds} > 0) until {@link #accept}. */
  void refuse(String path, int status, int retryAfterSeconds) {
    refusals.put(path, new int[] {status, retryAfterSeconds});
  }

  void accept(String path) {
    refusals.remove(path);
  }

  /** Requests to {@code path} wait until {@link #release} (or two minutes). */
  void hold(String path) {
    holds.put(path, new CountDownLatch(1));
  }

  void release(String path) {
    CountDownLatch hold = holds.remove(path);
    if (hold != null) {
      hold.countDown();
    }
  }

  int requests(String path) {
    AtomicInteger n = requests.get(path);
    return n == null ? 0 : n.get();
  }

  @Override
  public void close() {
    holds.values().forEach(CountDownLatch::countDown);
    server.stop(0);
    threads.shutdownNow();
  }
}
