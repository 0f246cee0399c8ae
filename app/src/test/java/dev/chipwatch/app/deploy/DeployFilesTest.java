package dev.chipwatch.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.config.ConfigLoader;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What can be validated of deploy/ without Docker, Kubernetes or Grafana: every YAML file is
 * well-formed, the Kafka topics of the manifests are exactly those of {@link Topics}, the dashboards
 * keep their uids and datasource, the rules carry their texts, and the Chipwatch configuration and
 * environment the deployments pass are accepted by the loader.
 */
class DeployFilesTest {
  /** Maven runs the tests from the module's directory. */
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static List<Path> files(String... extensions) throws IOException {
    try (Stream<Path> all = Files.walk(DEPLOY)) {
      return all.filter(Files::isRegularFile)
          .filter(p -> Stream.of(extensions).anyMatch(e -> p.getFileName().toString().endsWith(e)))
          .sorted().toList();
    }
  }

  /**
   * Every document of a (multi-document) YAML file, empty ones left out. Read with SnakeYAML (under
   * Jackson's YAML module) because compose files use anchors and merge keys ({@code <<: *x}),
   * which Jackson's tree model leaves unresolved.
   */
  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (var reader = Files.newBufferedReader(file)) {
      for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
        if (doc != null) {
          out.add(JSON.valueToTree(doc));
        }
      }
    } catch (YAMLException e) {
      throw new IOException(e.getMessage(), e);
    }
    return out;
  }

  private static List<JsonNode> k8sResources(String kind) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (Path file : files(".yaml", ".yml")) {
      if (file.startsWith(DEPLOY.resolve("k8s"))) {
        documents(file).stream().filter(d -> kind.equals(d.path("kind").asText())).forEach(out::add);
      }
    }
    return out;
  }

  @Test
  void everyYamlFileUnderDeployIsWellFormed() throws IOException {
    List<Path> yamlFiles = files(".yaml", ".yml");
    assertTrue(yamlFiles.size() >= 15, "expected the compose, Prometheus, Grafana and k8s files, found " + yamlFiles);
    for (Path file : yamlFiles) {
      try {
        assertFalse(documents(file).isEmpty(), file + " holds no document");
      } catch (IOException e) {
        fail(file + " is not well-formed YAML: " + e.getMessage());
      }
    }
  }

  @Test
  void theKafkaTopicsOfTheManifestsAreExactlyThoseOfTheCode() throws IOException {
    Topics topics = Topics.withDefaultPrefix();
    Map<String, String> expected = new TreeMap<>();
    for (Topic t : Topic.values()) {
      expected.put(topics.name(t), t.partitions() + " partitions, cleanup.policy=" + (t.compacted() ? "compact" : "delete"));
    }
    Map<String, String> manifests = new TreeMap<>();
    for (JsonNode topic : k8sResources("KafkaTopic")) {
      JsonNode spec = topic.path("spec");
      String name = spec.hasNonNull("topicName") ? spec.get("topicName").asText() : topic.path("metadata").path("name").asText();
      String previous = manifests.put(name, spec.path("partitions").asInt() + " partitions, cleanup.policy="
          + spec.path("config").path("cleanup.policy").asText());
      assertEquals(null, previous, "topic " + name + " declared twice");
      assertEquals("chipwatch", topic.path("metadata").path("labels").path("strimzi.io/cluster").asText(),
          name + " must belong to the Strimzi cluster named in kafka.yaml");
    }
    assertEquals(expected, manifests);
  }

  @Test
  void theStrimziClusterRunsKraftWithANodePool() throws IOException {
    List<JsonNode> kafka = k8sResources("Kafka");
    assertEquals(1, kafka.size());
    assertEquals("chipwatch", kafka.get(0).path("metadata").path("name").asText());
    assertEquals("enabled", kafka.get(0).path("metadata").path("annotations").path("strimzi.io/kraft").asText());
    List<JsonNode> pools = k8sResources("KafkaNodePool");
    assertFalse(pools.isEmpty());
    assertTrue(pools.stream().allMatch(p -> "chipwatch".equals(p.path("metadata").path("labels").path("strimzi.io/cluster").asText())));
  }

  @Test
  void dashboardsParseKeepTheirUidsAndUseTheProvisionedDatasource() throws IOException {
    String datasourceUid = documents(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml")).get(0)
        .path("datasources").get(0).path("uid").asText();
    Map<String, String> titles = new HashMap<>();
    for (Path file : files(".json")) {
      if (!file.startsWith(DEPLOY.resolve("grafana/dashboards"))) {
        continue;
      }
      JsonNode board = JSON.readTree(file.toFile());
      titles.put(board.path("uid").asText(), board.path("title").asText());
      List<JsonNode> targets = new ArrayList<>();
      board.path("panels").forEach(panel -> panel.path("targets").forEach(targets::add));
      assertFalse(targets.isEmpty(), file + " has no queries");
      for (JsonNode target : targets) {
        assertEquals(datasourceUid, target.path("datasource").path("uid").asText(), file + ": " + target);
        assertFalse(target.path("expr").asText().isBlank(), file + ": a query without an expression: " + target);
      }
    }
    assertEquals(Map.of("chipwatch-overview", "Chipwatch overview", "chipwatch-chips-policy", "Chips & policy"), titles);
  }

  @Test
  void everyAlertRuleHasASummaryADescriptionAndARunbook() throws IOException {
    int rules = 0;
    for (Path file : files(".yml")) {
      if (!file.startsWith(DEPLOY.resolve("prometheus/rules"))) {
        continue;
      }
      for (JsonNode group : documents(file).get(0).path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          rules++;
          for (String text : List.of("summary", "description", "runbook")) {
            assertFalse(rule.path("annotations").path(text).asText().isBlank(),
                rule.path("alert").asText() + " has no " + text);
          }
        }
      }
    }
    assertTrue(rules >= 6, "expected the service, stream, feed, notification, lag and latency rules; found " + rules);
  }

  @Test
  void composeRunsEachServiceApartWithFilesThatExist() throws IOException {
    JsonNode compose = documents(DEPLOY.resolve("docker-compose.yml")).get(0);
    JsonNode services = compose.path("services");
    for (String service : List.of("kafka", "ingest", "enrich", "alerts", "prometheus", "grafana")) {
      assertTrue(services.has(service), "compose has no " + service);
    }
    assertTrue(services.path("kafka").path("image").asText().startsWith("apache/kafka:"));
    for (String role : List.of("ingest", "enrich", "alerts")) {
      assertEquals(role, services.path(role).path("command").get(0).asText());
    }
    services.forEach(service -> service.path("volumes").forEach(volume -> {
      String source = volume.asText().split(":")[0];
      if (source.startsWith("./")) {
        assertTrue(Files.exists(DEPLOY.resolve(source)), "compose mounts " + source + ", which does not exist");
      }
    }));
  }

  @Test
  void composeConfigurationAndEnvironmentAreAcceptedByTheLoader() throws IOException {
    JsonNode compose = documents(DEPLOY.resolve("docker-compose.yml")).get(0);
    for (String role : List.of("ingest", "enrich", "alerts")) {
      ChipwatchConfig config = new ConfigLoader().load(DEPLOY.resolve("chipwatch.yaml"),
          chipwatchVariables(compose.path("services").path(role).path("environment")), Map.of());
      assertEquals("kafka:9092", config.kafka().bootstrapServers(), role);
      assertEquals("0.0.0.0", config.metrics().host(), role);
      assertFalse(config.ingest().feeds().isEmpty());
    }
  }

  @Test
  void kubernetesConfigurationAndEnvironmentAreAcceptedByTheLoader() throws IOException {
    JsonNode configMap = k8sResources("ConfigMap").stream()
        .filter(c -> "chipwatch-config".equals(c.path("metadata").path("name").asText())).findFirst().orElseThrow();
    Path file = Files.writeString(tmp.resolve("chipwatch.yaml"), configMap.path("data").path("chipwatch.yaml").asText());
    List<JsonNode> workloads = new ArrayList<>(k8sResources("Deployment"));
    workloads.addAll(k8sResources("StatefulSet"));
    Set<String> roles = workloads.stream().map(w -> w.path("spec").path("template").path("spec").path("containers")
        .get(0).path("args").get(0).asText()).collect(Collectors.toSet());
    assertEquals(Set.of("ingest", "enrich", "alerts"), roles);
    assertEquals("StatefulSet", workloadOf(workloads, "enrich").path("kind").asText(), "enrich keeps its state");
    for (JsonNode workload : workloads) {
      JsonNode container = workload.path("spec").path("template").path("spec").path("containers").get(0);
      Map<String, String> env = new HashMap<>();
      container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
      ChipwatchConfig config = new ConfigLoader().load(file, env, Map.of());
      assertEquals(3, config.kafka().replicationFactor());
      assertEquals("/var/lib/chipwatch", config.dataDir());
    }
  }

  private static JsonNode workloadOf(List<JsonNode> workloads, String role) {
    return workloads.stream().filter(w -> w.path("spec").path("template").path("spec").path("containers").get(0)
        .path("args").get(0).asText().equals(role)).findFirst().orElseThrow();
  }

  private static Map<String, String> chipwatchVariables(JsonNode environment) {
    Map<String, String> env = new HashMap<>();
    environment.fields().forEachRemaining(e -> {
      if (e.getKey().startsWith("CHIPWATCH_")) {
        env.put(e.getKey(), e.getValue().asText());
      }
    });
    return env;
  }
}
