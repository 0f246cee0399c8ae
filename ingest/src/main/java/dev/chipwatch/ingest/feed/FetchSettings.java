package dev.chipwatch.ingest.feed;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * Limits and policy for {@link FeedFetcher}.
 *
 * @param maxBodyBytes cap on the body after decompression
 * @param totalDeadline wall-clock budget for the whole fetch, redirects and body included
 * @param connectTimeout per TCP connection
 * @param maxRedirects redirects followed before giving up
 * @param userAgent sent on every request
 * @param allowPrivateNetworks when true, loopback/private/link-local targets are allowed (cloud metadata still is not)
 * @param allowedHosts host names (or IP literals, as written in URLs) allowed whatever they resolve to
 * @param sslContext trust material for https, or null for the JDK's default (e.g. to add a private CA)
 */
public record FetchSettings(
    long maxBodyBytes,
    Duration totalDeadline,
    Duration connectTimeout,
    int maxRedirects,
    String userAgent,
    boolean allowPrivateNetworks,
    Set<String> allowedHosts,
    SSLContext sslContext) {

  public static final String USER_AGENT = "Chipwatch/0.1 (+https://github.com/chipwatch)";

  public FetchSettings {
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
    Objects.requireNonNull(totalDeadline, "totalDeadline");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (totalDeadline.isNegative() || totalDeadline.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("deadlines must be positive");
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must be >= 0");
    }
    Objects.requireNonNull(userAgent, "userAgent");
    allowedHosts = allowedHosts == null ? Set.of()
        : allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  public static FetchSettings defaults() {
    return new FetchSettings(
        10L * 1024 * 1024, Duration.ofSeconds(20), Duration.ofSeconds(5), 5, USER_AGENT, false, Set.of(), null);
  }

  public FetchSettings withMaxBodyBytes(long bytes) {
    return new FetchSettings(bytes, totalDeadline, connectTimeout, maxRedirects, userAgent, allowPrivateNetworks,
        allowedHosts, sslContext);
  }

  public FetchSettings withTotalDeadline(Duration deadline) {
    return new FetchSettings(maxBodyBytes, deadline, connectTimeout, maxRedirects, userAgent, allowPrivateNetworks,
        allowedHosts, sslContext);
  }

  public FetchSettings withAllowPrivateNetworks(boolean allow) {
    return new FetchSettings(maxBodyBytes, totalDeadline, connectTimeout, maxRedirects, userAgent, allow,
        allowedHosts, sslContext);
  }

  public FetchSettings withAllowedHosts(Set<String> hosts) {
    return new FetchSettings(maxBodyBytes, totalDeadline, connectTimeout, maxRedirects, userAgent, allowPrivateNetworks,
        hosts, sslContext);
  }

  public FetchSettings withSslContext(SSLContext context) {
    return new FetchSettings(maxBodyBytes, totalDeadline, connectTimeout, maxRedirects, userAgent, allowPrivateNetworks,
        allowedHosts, context);
  }
}
