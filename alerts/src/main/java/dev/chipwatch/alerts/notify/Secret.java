package dev.chipwatch.alerts.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A credential (webhook URL, password, signing key) that prints as {@code ***} and can scrub
 * itself out of text that came from elsewhere (exception messages, response bodies).
 */
public final class Secret {

  /** Shorter fragments are too likely to occur by chance to be worth scrubbing. */
  private static final int MIN_FRAGMENT = 6;

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "secret value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret itself; call only where it is put on the wire. */
  public String reveal() {
    return value;
  }

  /** {@code text} with the secret and, for a URL, its path and query replaced by {@code ***}. */
  public String redact(String text) {
    if (text == null) {
      return "";
    }
    String redacted = text;
    for (String fragment : fragments()) {
      redacted = redacted.replace(fragment, "***");
    }
    return redacted;
  }

  private List<String> fragments() {
    List<String> fragments = new ArrayList<>();
    if (!value.isEmpty()) {
      fragments.add(value);
    }
    try {
      URI uri = URI.create(value);
      addIfLong(fragments, uri.getRawPath());
      addIfLong(fragments, uri.getRawQuery());
      addIfLong(fragments, uri.getPath());
    } catch (IllegalArgumentException notAUrl) {
      // Only the whole value to scrub.
    }
    return fragments;
  }

  private static void addIfLong(List<String> fragments, String fragment) {
    if (fragment != null && fragment.length() >= MIN_FRAGMENT) {
      fragments.add(fragment);
    }
  }

  @Override
  public String toString() {
    return "***";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
