package dev.chipwatch.app.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** Serves the bundled demo feeds over real HTTP on loopback, as a news site would. */
public final class DemoFeedServer implements AutoCloseable {
  public static final List<String> FEEDS = List.of("policy-wire.xml", "markets-desk.xml");

  private final HttpServer server;

  public DemoFeedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    for (String feed : FEEDS) {
      byte[] body = resource(feed);
      String type = feed.startsWith("markets") ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8";
      server.createContext("/" + feed, exchange -> {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("ETag", "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"");
        if (exchange.getResponseHeaders().getFirst("ETag").equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
          exchange.sendResponseHeaders(304, -1);
          exchange.close();
          return;
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
    }
    server.start();
  }

  public String url(String feed) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + feed;
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = DemoFeedServer.class.getResourceAsStream("/demo/" + name)) {
      if (in == null) {
        throw new IOException("demo resource missing: " + name);
      }
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
