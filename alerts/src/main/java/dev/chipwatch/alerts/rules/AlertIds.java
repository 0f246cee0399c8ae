package dev.chipwatch.alerts.rules;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic alert ids: the same rule and the same change always hash to the same id, so a
 * record processed twice (retry, restart, rebalance) is recognised as one alert downstream.
 */
public final class AlertIds {

  private AlertIds() {}

  /** sha256 hex of {@code ruleId + "\n" + key + "\n" + transition}. */
  public static String of(String ruleId, String key, String transition) {
    return sha256Hex(ruleId + "\n" + key + "\n" + transition);
  }

  /**
   * A threshold written the same way whatever double arithmetic produced it
   * (4.0E12 and 4000000000000.0 → "4000000000000"), so ids do not depend on formatting.
   */
  public static String canonicalNumber(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
