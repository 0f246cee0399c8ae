package dev.chipwatch.enrich.tagging;

/**
 * One name to look for.
 *
 * @param text the name as written in the taxonomy
 * @param exactCase match only with this capitalisation (or in all capitals): "AMD", "Arm", "TPU"
 * @param target vendor id, chip id, country code, material id; null for look-alikes
 * @param surname the name is also a family name: "Dana Blackwell" is a person, not the chip
 * @param adjective a country adjective ("Chinese"): names a government only before "authorities",
 *     "officials" and the like, not before "firms" or "GPU start-ups"
 */
record Alias(String text, boolean exactCase, AliasKind kind, String target, boolean surname, boolean adjective) {
  Alias(String text, boolean exactCase, AliasKind kind, String target, boolean surname) {
    this(text, exactCase, kind, target, surname, false);
  }
}
