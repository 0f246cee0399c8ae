package dev.chipwatch.app.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them on a command line: 90, 90s, 15m, 2h, 1d. */
final class DurationText {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})([smhd]?)");

  private DurationText() {}

  /** @throws IllegalArgumentException with what was expected */
  static Duration parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a duration like 90s, 15m, 2h or 1d, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
    if (d.isZero()) {
      throw new IllegalArgumentException("expected a positive duration, got '" + text + "'");
    }
    return d;
  }

  /** The shortest exact form: 900 s is 15m, 90 s stays 90s. */
  static String format(Duration d) {
    long s = d.toSeconds();
    if (s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  /** Roughly how long ago, for people: 42s, 5m, 3h, 2d. */
  static String ago(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 2 * 3600) {
      return s / 60 + "m";
    }
    return s < 2 * 86400 ? s / 3600 + "h" : s / 86400 + "d";
  }
}
