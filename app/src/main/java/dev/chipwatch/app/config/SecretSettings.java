package dev.chipwatch.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a secret given as {@code key} (inline), {@code keyFile} (a file holding it) or
 * {@code keyEnv} (the name of an environment variable holding it). Errors name the key, never the value.
 */
public final class SecretSettings {
  private SecretSettings() {}

  /** @return the secret, or null when none of the three forms is given and it is optional */
  public static String resolve(Map<String, Object> c, String key, Map<String, String> env, String at, boolean required) {
    if (c.get(key) != null) {
      return String.valueOf(c.get(key));
    }
    if (c.get(key + "File") != null) {
      Path file = Path.of(String.valueOf(c.get(key + "File")));
      try {
        return Files.readString(file).strip();
      } catch (IOException e) {
        throw new ConfigException(at + "." + key + "File: cannot read " + file);
      }
    }
    if (c.get(key + "Env") != null) {
      String name = String.valueOf(c.get(key + "Env"));
      String value = env.get(name);
      if (value == null || value.isBlank()) {
        throw new ConfigException(at + "." + key + "Env: environment variable " + name + " is not set");
      }
      return value.strip();
    }
    if (required) {
      throw new ConfigException(at + ": expected " + key + ", " + key + "File or " + key + "Env");
    }
    return null;
  }
}
