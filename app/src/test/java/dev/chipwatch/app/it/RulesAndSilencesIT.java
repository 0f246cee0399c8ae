package dev.chipwatch.app.it;

import static dev.chipwatch.app.it.AlertsHarness.await;
import static dev.chipwatch.app.it.AlertsHarness.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chipwatch.app.cli.CommandRun;
import dev.chipwatch.app.config.ConfigLoader;
import dev.chipwatch.app.runtime.ChipwatchProcess;
import dev.chipwatch.app.runtime.Role;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.Alert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules and silence commands against a real broker, then the alerts service acting on what they
 * wrote: a silenced alert reaches the alerts topic (and its CloudEvents twin) but not the receiver.
 */
class RulesAndSilencesIT {
  @TempDir Path dir;

  @Test
  void rulesAndSilencesWrittenByTheCommandsGovernDelivery() throws Exception {
    try (StandInReceiver hook = new StandInReceiver()) {
      Path config = AlertsHarness.configFile(dir, null, null, """
          groupWindowMillis: 0
          cloudEventsTopic: true
          receivers:
            team-hook: {type: webhook, url: "%s", signingKey: it-key}
          """.formatted(hook.url("/in")));
      try (ChipwatchProcess process = ChipwatchProcess.open(new ConfigLoader().load(config, Map.of(), Map.of()), "chipwatch-it")) {
        String[] at = {"--config", config.toString(), "--bootstrap-servers", process.kafka().bootstrapServers()};

        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, """
            - {id: h20-cn, kind: export_status, items: [nvidia-h20], destinations: [CN], receivers: [team-hook]}
            - {id: h20-ae, kind: export_status, items: [nvidia-h20], destinations: [AE], receivers: [team-hok]}
            """);
        CommandRun refused = run(at, "rules", "apply", typo.toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("rule 'h20-ae': receiver 'team-hok' is not configured"), refused.err());
        assertEquals("", run(at, "rules", "list").out(), "nothing half-applied");

        Path good = dir.resolve("good.yaml");
        Files.writeString(good, Files.readString(typo).replace("team-hok", "team-hook"));
        assertEquals(0, run(at, "rules", "apply", good.toString()).exitCode());
        CommandRun added = run(at, "rules", "add", "--id", "amd-any", "--kind", "export-status", "--items", "amd",
            "--receivers", "team-hook", "--severity", "critical");
        assertEquals(0, added.exitCode(), added.err());
        CommandRun again = run(at, "rules", "add", "--id", "amd-any", "--kind", "export_status", "--items", "amd",
            "--receivers", "team-hook");
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("exists already"), again.err());
        assertEquals(0, run(at, "rules", "rm", "h20-ae").exitCode());
        assertEquals(1, run(at, "rules", "rm", "no-such-rule").exitCode());
        List<JsonNode> rules = new ArrayList<>();
        for (String line : run(at, "rules", "list", "--json").out().strip().split("\n")) {
          rules.add(new ObjectMapper().readTree(line));
        }
        assertEquals(List.of("h20-cn", "amd-any"), rules.stream().map(r -> r.get("id").asText()).toList());
        assertEquals("critical", rules.get(1).get("severity").asText());

        CommandRun badSilence = run(at, "silence", "add", "--match", "vender=amd", "--for", "1h");
        assertEquals(1, badSilence.exitCode());
        assertTrue(badSilence.err().contains("unknown label 'vender'"), badSilence.err());
        CommandRun silenced = run(at, "silence", "add", "--match", "item=nvidia-h20,destination=CN", "--for", "2h",
            "--comment", "known");
        assertEquals(0, silenced.exitCode(), silenced.err());
        String silenceId = silenced.out().strip();
        CommandRun other = run(at, "silence", "add", "--match", "vendor=intel", "--for", "1h");
        assertEquals(0, run(at, "silence", "rm", other.out().strip()).exitCode());
        String listed = run(at, "silence", "list").out();
        assertTrue(listed.startsWith(silenceId + "  active"), listed);
        assertFalse(listed.contains(other.out().strip()), listed);

        // the service starts after the commands: it reads every rule and silence before its first alert
        process.start(EnumSet.of(Role.ALERTS));
        AlertsHarness.send(process, List.of(change("nvidia-h20", "CN", 0), change("amd-mi308", "AE", 1),
            change("nvidia-h20", "AE", 2)));

        await("the AMD alert delivered", Duration.ofSeconds(45), () -> hook.received().size() >= 1);
        await("the silenced alert recorded", Duration.ofSeconds(45), () -> process.registry()
            .counter("chipwatch.notifications.silenced", "receiver_type", "webhook").count() == 1.0);
        List<Alert> raised = AlertsHarness.readAll(process, Topic.ALERTS, Alert.class);
        assertEquals(List.of("nvidia-h20|CN", "amd-mi308|AE"), raised.stream().map(Alert::getSubject).sorted(
            java.util.Comparator.reverseOrder()).toList(), "h20 to AE has no rule any more; the silenced one is there");
        assertEquals(1, hook.received().size());
        assertTrue(hook.received().get(0).body().contains("\"subject\":\"amd-mi308|AE\""), hook.received().get(0).body());

        List<ConsumerRecord<String, byte[]>> events = AlertsHarness.records(process, Topic.ALERTS_CLOUDEVENTS);
        assertEquals(raised.stream().map(Alert::getId).sorted().toList(), events.stream()
            .map(r -> readId(r.value())).sorted().toList(), "the CloudEvents twin carries every alert");
      }
    }
  }

  private static String readId(byte[] json) {
    try {
      return new ObjectMapper().readTree(json).get("id").asText();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a chipwatch command with the connection flags {@code at} appended. */
  private static CommandRun run(String[] at, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(at));
    return CommandRun.of(all.toArray(String[]::new));
  }
}
