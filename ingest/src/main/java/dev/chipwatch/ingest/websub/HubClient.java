package dev.chipwatch.ingest.websub;

import dev.chipwatch.ingest.feed.AddressGuard;
import dev.chipwatch.ingest.feed.FeedException;
import dev.chipwatch.ingest.feed.FeedFetcher;
import dev.chipwatch.ingest.feed.FetchSettings;
import dev.chipwatch.ingest.feed.HostResolver;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Sends a subscription request to a hub: the side effect the subscriber is given. */
public interface HubClient {
  /** @throws Exception anything but a 2xx answer */
  void send(HubRequest request) throws Exception;

  /**
   * Over HTTP, with the same address guard as feeds: a hub URL comes from feed content, and a feed
   * must not be able to make us POST to our own network. Redirects are not followed. The request
   * goes to the host name, which the JDK resolves again after the guard's check (unlike feed
   * fetches, the address is not pinned).
   */
  static HubClient http(FetchSettings settings) {
    AddressGuard guard = AddressGuard.of(settings, HostResolver.SYSTEM);
    HttpClient client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    return request -> {
      URI hub = FeedFetcher.checkUrl(request.hub());
      guard.check(hub.getHost());
      String form = request.form().entrySet().stream()
          .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
      HttpResponse<Void> response = client.send(HttpRequest.newBuilder(hub).timeout(settings.totalDeadline())
          .header("User-Agent", settings.userAgent())
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw FeedException.httpStatus(response.statusCode(), hub.getHost() + ": hub answered HTTP " + response.statusCode(), null);
      }
    };
  }

  /** For logs: the form without its secret. */
  static String describe(HubRequest r) {
    Map<String, String> shown = new java.util.LinkedHashMap<>(r.form());
    shown.computeIfPresent("hub.secret", (k, v) -> "…");
    return r.hub().getHost() + " " + shown.get("hub.mode") + " " + shown.get("hub.topic");
  }
}
