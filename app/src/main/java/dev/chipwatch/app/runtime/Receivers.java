package dev.chipwatch.app.runtime;

import dev.chipwatch.alerts.notify.ConsoleNotifier;
import dev.chipwatch.alerts.notify.EmailNotifier;
import dev.chipwatch.alerts.notify.EmailSettings;
import dev.chipwatch.alerts.notify.Notifier;
import dev.chipwatch.alerts.notify.Secret;
import dev.chipwatch.alerts.notify.SlackNotifier;
import dev.chipwatch.alerts.notify.SlackRateLimiter;
import dev.chipwatch.alerts.notify.WebhookNotifier;
import dev.chipwatch.app.config.ConfigException;
import dev.chipwatch.app.config.SecretSettings;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the notifiers named under alerts.receivers. Secrets come as {@code key}, {@code keyFile}
 * (a path whose content is the secret) or {@code keyEnv} (an environment variable's name); they are
 * wrapped at once so no message or log line can show them.
 */
public final class Receivers {
  /**
   * A configured receiver: its type (a bounded metric label), its notifier, and its own group
   * window when it sets one (null: alerts.groupWindowMillis).
   */
  public record Receiver(String name, String type, Notifier notifier, Duration groupWindow) {}

  private static final Map<String, Set<String>> KEYS = Map.of(
      "slack", Set.of("type", "webhookUrl", "webhookUrlFile", "webhookUrlEnv", "timeoutSeconds", "groupWindowMillis"),
      "webhook", Set.of("type", "url", "urlFile", "urlEnv", "signingKey", "signingKeyFile", "signingKeyEnv",
          "timeoutSeconds", "groupWindowMillis"),
      "email", Set.of("type", "host", "port", "startTls", "username", "password", "passwordFile", "passwordEnv",
          "from", "to", "timeoutSeconds", "groupWindowMillis"));

  private Receivers() {}

  /** The receiver names rules may use: console and every key under alerts.receivers. */
  public static Set<String> names(Map<String, Map<String, Object>> config) {
    Set<String> names = new java.util.LinkedHashSet<>();
    names.add("console");
    names.addAll(config.keySet());
    return names;
  }

  public static Map<String, Receiver> build(Map<String, Map<String, Object>> config, Map<String, String> env,
      PrintStream console, Clock clock) {
    Map<String, Receiver> out = new LinkedHashMap<>();
    out.put("console", new Receiver("console", "console", new ConsoleNotifier(console), null));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    // one for the process: two receivers on the same webhook still share its one message per second
    SlackRateLimiter slackLimit = new SlackRateLimiter(clock);
    for (Map.Entry<String, Map<String, Object>> e : config.entrySet()) {
      String name = e.getKey();
      Map<String, Object> c = e.getValue();
      String at = "alerts.receivers." + name;
      String type = String.valueOf(c.get("type"));
      Set<String> allowed = KEYS.get(type);
      if (allowed == null) {
        throw new ConfigException(at + ".type: expected slack, webhook or email, got '" + c.get("type") + "'");
      }
      for (String key : c.keySet()) {
        if (!allowed.contains(key)) {
          throw new ConfigException("unknown configuration key " + at + "." + key + " (known for " + type + ": "
              + allowed.stream().sorted().toList() + ")");
        }
      }
      Duration timeout = Duration.ofSeconds(intValue(c, "timeoutSeconds", 10, at));
      Notifier notifier = switch (type) {
        case "slack" -> new SlackNotifier(http, secret(c, "webhookUrl", env, at, true), timeout, clock, slackLimit);
        case "webhook" -> new WebhookNotifier(http, secret(c, "url", env, at, true),
            secret(c, "signingKey", env, at, true), timeout, clock);
        default -> new EmailNotifier(email(c, env, at, timeout), clock);
      };
      Duration window = c.containsKey("groupWindowMillis")
          ? Duration.ofMillis(intValue(c, "groupWindowMillis", 0, at)) : null;
      if (window != null && window.isNegative()) {
        throw new ConfigException(at + ".groupWindowMillis: expected 0 or more");
      }
      out.put(name, new Receiver(name, type, notifier, window));
    }
    return out;
  }

  private static EmailSettings email(Map<String, Object> c, Map<String, String> env, String at, Duration timeout) {
    String host = required(c, "host", at);
    String from = required(c, "from", at);
    Object to = c.get("to");
    if (!(to instanceof List<?> list) || list.isEmpty()) {
      throw new ConfigException(at + ".to: expected a list of email addresses");
    }
    EmailSettings settings = EmailSettings.of(host, intValue(c, "port", 587, at), from,
        list.stream().map(String::valueOf).toList()).withTimeouts(timeout, timeout);
    if (c.containsKey("username")) {
      settings = settings.withAuth(String.valueOf(c.get("username")), secret(c, "password", env, at, true));
    }
    if (Boolean.FALSE.equals(c.get("startTls"))) {
      settings = settings.withStartTlsExplicitlyDisabled();
    }
    return settings;
  }

  private static Secret secret(Map<String, Object> c, String key, Map<String, String> env, String at, boolean required) {
    String value = SecretSettings.resolve(c, key, env, at, required);
    return value == null ? null : Secret.of(value);
  }

  private static String required(Map<String, Object> c, String key, String at) {
    Object v = c.get(key);
    if (v == null || String.valueOf(v).isBlank()) {
      throw new ConfigException(at + "." + key + ": required");
    }
    return String.valueOf(v);
  }

  private static int intValue(Map<String, Object> c, String key, int fallback, String at) {
    Object v = c.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(String.valueOf(v));
    } catch (NumberFormatException e) {
      throw new ConfigException(at + "." + key + ": expected a whole number, got '" + v + "'");
    }
  }
}
