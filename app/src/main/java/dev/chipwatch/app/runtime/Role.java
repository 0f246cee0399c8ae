package dev.chipwatch.app.runtime;

/** The services a Chipwatch process can run; `run` runs all three. */
public enum Role {
  INGEST, ENRICH, ALERTS
}
