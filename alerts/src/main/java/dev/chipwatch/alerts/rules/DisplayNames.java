package dev.chipwatch.alerts.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Readable names for taxonomy ids and ISO country codes, for alert titles and bodies.
 *
 * <p>A compact built-in map covers names whose spelling cannot be derived from the id
 * (AMD, SK hynix, RTX PRO 6000D); anything else falls back to a rule of thumb, so a new
 * chip added to the taxonomy still reads well ("acme-x100" → "Acme X100").
 */
public final class DisplayNames {

  private static final Map<String, String> VENDORS = Map.ofEntries(
      Map.entry("nvidia", "Nvidia"), Map.entry("amd", "AMD"), Map.entry("intel", "Intel"),
      Map.entry("huawei", "Huawei"), Map.entry("alibaba", "Alibaba"), Map.entry("baidu", "Baidu"),
      Map.entry("tencent", "Tencent"), Map.entry("bytedance", "ByteDance"),
      Map.entry("cambricon", "Cambricon"), Map.entry("biren", "Biren"),
      Map.entry("moore-threads", "Moore Threads"), Map.entry("metax", "MetaX"),
      Map.entry("hygon", "Hygon"), Map.entry("smic", "SMIC"), Map.entry("tsmc", "TSMC"),
      Map.entry("samsung", "Samsung"), Map.entry("sk-hynix", "SK hynix"),
      Map.entry("micron", "Micron"), Map.entry("asml", "ASML"), Map.entry("google", "Google"),
      Map.entry("amazon", "Amazon"), Map.entry("microsoft", "Microsoft"), Map.entry("meta", "Meta"),
      Map.entry("openai", "OpenAI"), Map.entry("groq", "Groq"), Map.entry("cerebras", "Cerebras"),
      Map.entry("sambanova", "SambaNova"), Map.entry("tenstorrent", "Tenstorrent"),
      Map.entry("broadcom", "Broadcom"), Map.entry("qualcomm", "Qualcomm"), Map.entry("arm", "Arm"),
      Map.entry("deepseek", "DeepSeek"));

  /** Ids the token rule below would spell wrongly. */
  private static final Map<String, String> SPECIAL_IDS = Map.of(
      "cerebras-wse-3", "Cerebras WSE-3",
      "rare-earths", "Rare earths",
      "*", "all items");

  private static final Map<String, String> COUNTRY_OVERRIDES = Map.of(
      "EU", "the EU",
      "HK", "Hong Kong",
      "MO", "Macao",
      "*", "all destinations");

  /** Longest vendor ids first so "sk-hynix-hbm3" is not read as vendor "sk". */
  private static final List<String> VENDOR_PREFIXES = VENDORS.keySet().stream()
      .sorted(Comparator.comparingInt(String::length).reversed())
      .toList();

  private DisplayNames() {}

  /** A vendor, chip, family or material id: "nvidia-h20" → "Nvidia H20". */
  public static String item(String id) {
    if (id == null || id.isBlank()) {
      return "unknown";
    }
    String key = id.toLowerCase(Locale.ROOT);
    String special = SPECIAL_IDS.get(key);
    if (special != null) {
      return special;
    }
    String vendor = VENDORS.get(key);
    if (vendor != null) {
      return vendor;
    }
    for (String prefix : VENDOR_PREFIXES) {
      if (key.startsWith(prefix + "-")) {
        return VENDORS.get(prefix) + " " + tokens(key.substring(prefix.length() + 1));
      }
    }
    return tokens(key);
  }

  /** An ISO 3166-1 alpha-2 code, "EU" or "*": "CN" → "China". Unknown codes stay as given. */
  public static String country(String code) {
    if (code == null || code.isBlank()) {
      return "unknown";
    }
    String upper = code.toUpperCase(Locale.ROOT);
    String override = COUNTRY_OVERRIDES.get(upper);
    if (override != null) {
      return override;
    }
    if (upper.length() == 2) {
      String name = new Locale("", upper).getDisplayCountry(Locale.ENGLISH);
      if (!name.isBlank() && !name.equalsIgnoreCase(upper)) {
        return name;
      }
    }
    return code;
  }

  /** A dollar amount in the unit people use for company values: 4.02e12 → "$4.02T". */
  public static String usd(double amount) {
    return usd(amount, 2);
  }

  /**
   * Like {@link #usd(double)}, but with enough decimals that {@code amount} does not print
   * as {@code threshold}: "$3.999T", not a confusing "fell below $4T ($4T)".
   */
  public static String usdDistinctFrom(double amount, double threshold) {
    for (int decimals = 2; decimals <= 6; decimals++) {
      String formatted = usd(amount, decimals);
      if (amount == threshold || !formatted.equals(usd(threshold, decimals))) {
        return formatted;
      }
    }
    return usd(amount, 6);
  }

  private static String usd(double amount, int decimals) {
    if (!Double.isFinite(amount)) {
      return "$?";
    }
    double abs = Math.abs(amount);
    String sign = amount < 0 ? "-" : "";
    if (abs >= 1e12) {
      return sign + "$" + scaled(abs / 1e12, decimals) + "T";
    }
    if (abs >= 1e9) {
      return sign + "$" + scaled(abs / 1e9, decimals) + "B";
    }
    if (abs >= 1e6) {
      return sign + "$" + scaled(abs / 1e6, decimals) + "M";
    }
    return sign + "$" + scaled(abs, decimals);
  }

  private static String scaled(double value, int decimals) {
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP)
        .stripTrailingZeros().toPlainString();
  }

  /** "rtx-pro-6000d" → "RTX PRO 6000D", "ascend-910b" → "Ascend 910B", "blackwell" → "Blackwell". */
  private static String tokens(String rest) {
    StringBuilder out = new StringBuilder();
    for (String token : rest.split("-")) {
      if (token.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      boolean hasDigit = token.chars().anyMatch(Character::isDigit);
      if (hasDigit || token.length() <= 3) {
        out.append(token.toUpperCase(Locale.ROOT));
      } else {
        out.append(Character.toUpperCase(token.charAt(0))).append(token.substring(1));
      }
    }
    return out.length() == 0 ? rest : out.toString();
  }
}
