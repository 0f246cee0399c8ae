package dev.chipwatch.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.config.ConfigException;
import dev.chipwatch.app.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerts part of the configuration: the rule file applied at start, receivers' group windows, bounds. */
class AlertsConfigTest {
  @TempDir Path dir;

  @Test
  void ruleFileIsValidatedAndItsReceiversMustBeConfigured() throws Exception {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "- {id: h20, kind: export_status, items: [nvidia-h20], receivers: [team-slack]}\n");
    ChipwatchConfig unknown = load(Map.of("alerts.rulesFile", rules.toString()));
    ConfigException e = assertThrows(ConfigException.class, () -> ConfiguredParts.ruleFile(unknown));
    assertTrue(e.getMessage().contains("receiver 'team-slack' is not configured"), e.getMessage());

    ChipwatchConfig known = load(Map.of("alerts.rulesFile", rules.toString(),
        "alerts.receivers", "{team-slack: {type: slack, webhookUrl: 'https://hooks.example/x'}}"));
    assertEquals("h20", ConfiguredParts.ruleFile(known).get(0).getId());
    assertEquals(0, ConfiguredParts.ruleFile(load(Map.of())).size(), "no file, no rules");
  }

  @Test
  void aReceiverMaySetItsOwnGroupWindow() {
    var receivers = Receivers.build(Map.of(
        "hooks", Map.of("type", "webhook", "url", "https://hooks.example/in", "signingKey", "k", "groupWindowMillis", 0),
        "slack", Map.of("type", "slack", "webhookUrl", "https://hooks.example/s")), Map.of(), System.out, Clock.systemUTC());
    assertEquals(Duration.ZERO, receivers.get("hooks").groupWindow());
    assertNull(receivers.get("slack").groupWindow(), "alerts.groupWindowMillis applies");
    assertEquals(java.util.Set.of("console", "hooks", "slack"), receivers.keySet());
  }

  @Test
  void deliveryBoundsAreChecked() {
    assertThrows(ConfigException.class, () -> load(Map.of("alerts.maxDigest", "0")));
    assertThrows(ConfigException.class, () -> load(Map.of("alerts.groupWindowMillis", "-1")));
    ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("alerts.retry.maxDelayMillis", "10")));
    assertTrue(e.getMessage().startsWith("alerts.retry.maxDelayMillis"), e.getMessage());
  }

  private ChipwatchConfig load(Map<String, String> overrides) {
    return new ConfigLoader().load(null, Map.of(), overrides);
  }
}
