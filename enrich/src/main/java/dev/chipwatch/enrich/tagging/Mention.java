package dev.chipwatch.enrich.tagging;

/** A name found in the text at [start, end). */
record Mention(int start, int end, Alias alias) {
  AliasKind kind() {
    return alias.kind();
  }

  String target() {
    return alias.target();
  }
}
