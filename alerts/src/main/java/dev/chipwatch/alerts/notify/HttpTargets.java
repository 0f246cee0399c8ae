package dev.chipwatch.alerts.notify;

import java.net.URI;

/** Parses secret URLs without ever echoing them in an exception. */
final class HttpTargets {

  private HttpTargets() {}

  /** @throws IllegalArgumentException naming {@code what}, never the URL */
  static URI parse(Secret url, String what) {
    URI uri;
    try {
      uri = new URI(url.reveal());
    } catch (Exception e) {
      // The parser's message quotes the input: drop it.
      throw new IllegalArgumentException(what + " URL is not a valid URI");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(what + " URL must be an absolute http(s) URL");
    }
    return uri;
  }
}
