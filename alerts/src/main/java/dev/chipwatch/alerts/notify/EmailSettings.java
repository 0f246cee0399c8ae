package dev.chipwatch.alerts.notify;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the SMTP server and whom to write to. STARTTLS is required unless
 * {@link #withStartTlsExplicitlyDisabled()} says otherwise (local relays, tests): a server that
 * does not offer it gets no mail rather than plaintext mail.
 */
public record EmailSettings(
    String host,
    int port,
    Optional<String> username,
    Optional<Secret> password,
    String from,
    List<String> to,
    boolean startTlsRequired,
    Duration connectTimeout,
    Duration timeout) {

  public EmailSettings {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("SMTP port " + port + " is outside 1..65535");
    }
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException("SMTP username and password go together");
    }
    Objects.requireNonNull(from, "from");
    to = List.copyOf(to);
    if (to.isEmpty()) {
      throw new IllegalArgumentException("no email recipients");
    }
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** No auth, STARTTLS required, 10 s timeouts. */
  public static EmailSettings of(String host, int port, String from, List<String> to) {
    return new EmailSettings(host, port, Optional.empty(), Optional.empty(), from, to, true,
        Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  public EmailSettings withAuth(String username, Secret password) {
    return new EmailSettings(host, port, Optional.of(username), Optional.of(password), from, to,
        startTlsRequired, connectTimeout, timeout);
  }

  public EmailSettings withStartTlsExplicitlyDisabled() {
    return new EmailSettings(host, port, username, password, from, to, false, connectTimeout, timeout);
  }

  public EmailSettings withTimeouts(Duration connectTimeout, Duration timeout) {
    return new EmailSettings(host, port, username, password, from, to, startTlsRequired, connectTimeout, timeout);
  }
}
