package dev.chipwatch.alerts.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@code sha256=<hex HMAC-SHA256 of the body>}, the value of {@code X-Chipwatch-Signature}. */
public final class HmacSignature {

  public static final String HEADER = "X-Chipwatch-Signature";
  private static final String ALGORITHM = "HmacSHA256";

  private HmacSignature() {}

  /** Plain sha256 hex, to name a secret (as a map key) without holding it in clear. */
  static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM");
    }
  }

  public static String sign(Secret key, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      // Never chain: some providers put key material in messages.
      throw new IllegalStateException("cannot compute " + ALGORITHM + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
