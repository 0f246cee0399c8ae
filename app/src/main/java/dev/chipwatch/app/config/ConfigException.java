package dev.chipwatch.app.config;

/** A configuration that cannot be used; the message names the key and what was expected. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
