package dev.chipwatch.ingest.feed;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * How to reach a URL at an address already checked: the URI handed to the HttpClient (the host replaced by
 * the IP literal, so the client never resolves the name itself) and the Host header that restores the name.
 *
 * @param requestUri what the HttpClient connects to
 * @param hostHeader the Host header to send, or null when the URL already named an IP
 * @param tlsHostName the name TLS must send as SNI and verify the certificate against, or null for http
 *     and for IP-literal URLs
 */
record ConnectTarget(URI requestUri, String hostHeader, String tlsHostName) {

  static ConnectTarget unpinned(URI uri) {
    return new ConnectTarget(uri, null, null);
  }

  static ConnectTarget pinned(URI uri, InetAddress address) {
    String host = uri.getHost();
    if (host.startsWith("[") || AddressGuard.isIpLiteral(host)) {
      return unpinned(uri);
    }
    String literal = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    StringBuilder target = new StringBuilder(uri.getScheme().toLowerCase(Locale.ROOT)).append("://").append(literal);
    if (uri.getPort() != -1) {
      target.append(':').append(uri.getPort());
    }
    String path = uri.getRawPath();
    target.append(path == null || path.isEmpty() ? "/" : path);
    if (uri.getRawQuery() != null) {
      target.append('?').append(uri.getRawQuery());
    }
    boolean defaultPort = uri.getPort() == -1
        || (uri.getPort() == 80 && "http".equalsIgnoreCase(uri.getScheme()))
        || (uri.getPort() == 443 && "https".equalsIgnoreCase(uri.getScheme()));
    String hostHeader = defaultPort ? host : host + ":" + uri.getPort();
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    return new ConnectTarget(URI.create(target.toString()), hostHeader, tls ? host : null);
  }
}
