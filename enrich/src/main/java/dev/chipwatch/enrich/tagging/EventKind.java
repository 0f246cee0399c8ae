package dev.chipwatch.enrich.tagging;

/** Government actions on the chip trade, as contract/tagging.md defines them. */
public enum EventKind {
  EXPORT_BAN,
  EXPORT_LICENSE_REQUIRED,
  EXPORT_ALLOWED,
  IMPORT_RESTRICTION,
  ENTITY_LIST,
  TARIFF,
  MATERIALS_EXPORT_BAN
}
