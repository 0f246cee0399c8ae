package dev.chipwatch.app.cli;

import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.config.ConfigLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The flags every command that reads configuration shares; flags win over file and environment. */
public final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML configuration file (default: ./chipwatch.yaml when present)")
  Path configFile;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
      description = "Kafka cluster to use instead of the embedded broker")
  String bootstrapServers;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where broker data and local state live (default ./data)")
  String dataDir;

  @Option(names = "--metrics-port", paramLabel = "PORT", description = "Port of /metrics and /health (default 9464)")
  Integer metricsPort;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set any configuration key, e.g. --set ingest.minIntervalSeconds=30")
  Map<String, String> settings = new LinkedHashMap<>();

  public ChipwatchConfig load() {
    return load(Map.of());
  }

  /** @param commandDefaults values the command sets unless the user set them anywhere */
  public ChipwatchConfig load(Map<String, String> commandDefaults) {
    Map<String, String> overrides = new LinkedHashMap<>(commandDefaults);
    overrides.putAll(settings);
    if (bootstrapServers != null) {
      overrides.put("kafka.bootstrapServers", bootstrapServers);
    }
    if (dataDir != null) {
      overrides.put("dataDir", dataDir);
    }
    if (metricsPort != null) {
      overrides.put("metrics.port", metricsPort.toString());
    }
    return new ConfigLoader().load(configFile, System.getenv(), overrides);
  }
}
