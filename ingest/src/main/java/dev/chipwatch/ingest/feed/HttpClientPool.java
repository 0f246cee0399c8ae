package dev.chipwatch.ingest.feed;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HttpClients a {@link FeedFetcher} uses.
 *
 * <p>Plain http needs one client: the request goes to the pinned IP and the Host header carries the name.
 * For https the URL also names the IP, so the TLS server name cannot come from it: the JDK client takes SNI
 * from the client's SSLParameters when the URL host is a literal, and its trust manager then verifies the
 * certificate against that SNI name. SSLParameters belong to a client, hence one client per TLS host name,
 * kept in a small LRU. A client never serves two names, so a pooled TLS connection verified for one name is
 * never reused for another name on the same IP (a CDN). Evicted clients are dropped; their selector thread
 * ends once they are garbage collected (JDK 17 has no {@code HttpClient.close()}).
 */
final class HttpClientPool {
  private static final int MAX_TLS_CLIENTS = 64;

  private final FetchSettings settings;
  private final ExecutorService executor;
  private final HttpClient shared;
  private final Map<String, HttpClient> tlsByHost = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, HttpClient> eldest) {
      return size() > MAX_TLS_CLIENTS;
    }
  };

  HttpClientPool(FetchSettings settings, ExecutorService executor) {
    this.settings = settings;
    this.executor = executor;
    this.shared = builder().build();
  }

  HttpClient clientFor(ConnectTarget target) {
    if (target.tlsHostName() == null) {
      return shared;
    }
    synchronized (tlsByHost) {
      return tlsByHost.computeIfAbsent(target.tlsHostName(), this::tlsClient);
    }
  }

  private HttpClient tlsClient(String hostName) {
    SSLContext context = sslContext();
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setServerNames(List.of(new SNIHostName(hostName)));
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    return builder().sslParameters(parameters).build();
  }

  private HttpClient.Builder builder() {
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1) // HTTP/2 would take :authority from the IP-literal URI
        .followRedirects(HttpClient.Redirect.NEVER) // each hop is checked by hand
        .proxy(HttpClient.Builder.NO_PROXY) // a proxy would resolve names itself, past the guard
        .connectTimeout(settings.connectTimeout())
        .executor(executor);
    if (settings.sslContext() != null) {
      builder.sslContext(settings.sslContext());
    }
    return builder;
  }

  private SSLContext sslContext() {
    if (settings.sslContext() != null) {
      return settings.sslContext();
    }
    try {
      return SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has a default SSLContext", e);
    }
  }
}
