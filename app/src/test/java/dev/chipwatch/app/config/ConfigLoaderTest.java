package dev.chipwatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;
  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void defaultsAreComplete() {
    ChipwatchConfig c = loader.load(null, Map.of(), Map.of());
    assertEquals("./data", c.dataDir());
    assertTrue(c.kafka().useEmbedded());
    assertEquals(9464, c.metrics().port());
    assertEquals("exactly_once_v2", c.kafka().processingGuarantee());
    assertEquals(List.of(), c.ingest().feeds());
  }

  @Test
  void fileThenEnvironmentThenFlagsEachWin() throws Exception {
    Path file = write("""
        kafka:
          bootstrapServers: file:9092
          topicPrefix: file.
        metrics:
          port: 1111
        ingest:
          feeds:
            - url: https://example.com/feed.xml
              intervalSeconds: 600
        """);
    ChipwatchConfig fileOnly = loader.load(file, Map.of(), Map.of());
    assertEquals("file:9092", fileOnly.kafka().bootstrapServers());
    assertEquals(1111, fileOnly.metrics().port());
    assertEquals(9093, fileOnly.kafka().embedded().controllerPort(), "untouched keys keep their defaults");
    assertEquals(600, fileOnly.ingest().feeds().get(0).intervalSeconds());

    Map<String, String> env = Map.of("CHIPWATCH_KAFKA_BOOTSTRAP_SERVERS", "env:9092", "CHIPWATCH_METRICS_PORT", "2222",
        "PATH", "/usr/bin", "CHIPWATCH_JAVA_OPTS", "-Xmx1g");
    ChipwatchConfig withEnv = loader.load(file, env, Map.of());
    assertEquals("env:9092", withEnv.kafka().bootstrapServers());
    assertEquals(2222, withEnv.metrics().port());
    assertEquals("file.", withEnv.kafka().topicPrefix());

    ChipwatchConfig withFlags = loader.load(file, env, Map.of("metrics.port", "3333"));
    assertEquals(3333, withFlags.metrics().port());
    assertEquals("env:9092", withFlags.kafka().bootstrapServers());
  }

  @Test
  void listsComeFromCommaSeparatedEnvironmentValues() {
    ChipwatchConfig c = loader.load(null, Map.of("CHIPWATCH_INGEST_ALLOWED_HOSTS", "a.example, b.example"), Map.of());
    assertEquals(List.of("a.example", "b.example"), c.ingest().allowedHosts());
  }

  @Test
  void unknownKeyInFileNamesItsPath() throws Exception {
    Path file = write("kafka:\n  bootstrapServerz: x:1\n");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file, Map.of(), Map.of()));
    assertTrue(e.getMessage().contains("kafka.bootstrapServerz"), e.getMessage());
  }

  @Test
  void badValueNamesKeyAndExpectation() throws Exception {
    Path file = write("metrics:\n  port: lots\n");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file, Map.of(), Map.of()));
    assertTrue(e.getMessage().contains("metrics.port"), e.getMessage());
    assertTrue(e.getMessage().contains("whole number"), e.getMessage());
  }

  @Test
  void outOfRangeValuesAreRefused() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.load(null, Map.of(), Map.of("kafka.processingGuarantee", "maybe")));
    assertTrue(e.getMessage().startsWith("kafka.processingGuarantee"), e.getMessage());
    assertThrows(ConfigException.class, () -> loader.load(null, Map.of(), Map.of("metrics.port", "70000")));
  }

  @Test
  void unknownEnvironmentVariableAndFlagAreRefused() {
    ConfigException env = assertThrows(ConfigException.class,
        () -> loader.load(null, Map.of("CHIPWATCH_KAFKA_BOOTSTRAP", "x"), Map.of()));
    assertTrue(env.getMessage().contains("CHIPWATCH_KAFKA_BOOTSTRAP"), env.getMessage());
    assertThrows(ConfigException.class, () -> loader.load(null, Map.of(), Map.of("nope.key", "1")));
  }

  @Test
  void feedWithoutHttpUrlIsRefused() throws Exception {
    Path file = write("ingest:\n  feeds:\n    - url: file:///etc/passwd\n");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file, Map.of(), Map.of()));
    assertTrue(e.getMessage().contains("ingest.feeds[0].url"), e.getMessage());
  }

  @Test
  void missingNamedFileIsAnError() {
    assertThrows(ConfigException.class, () -> loader.load(dir.resolve("absent.yaml"), Map.of(), Map.of()));
  }

  @Test
  void envNamesFollowTheKeyPath() {
    assertEquals("CHIPWATCH_KAFKA_BOOTSTRAP_SERVERS", ConfigLoader.envName("kafka.bootstrapServers"));
    assertEquals("CHIPWATCH_KAFKA_EMBEDDED_CONTROLLER_PORT", ConfigLoader.envName("kafka.embedded.controllerPort"));
  }

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("chipwatch.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
