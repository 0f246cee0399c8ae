package dev.chipwatch.app.it;

import static dev.chipwatch.app.it.AlertsHarness.await;
import static dev.chipwatch.app.it.AlertsHarness.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.chipwatch.app.config.ConfigLoader;
import dev.chipwatch.app.runtime.ChipwatchProcess;
import dev.chipwatch.app.runtime.Receivers;
import dev.chipwatch.app.runtime.Role;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.DeadLetter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Canary secrets (the Slack URL, the SMTP password, the HMAC signing key) pushed through every
 * failure path, with receivers that echo what they were sent: none of them may show up in a log
 * line, an exception message, a metric, a dead letter or /health.
 */
class SecretsCanaryIT {
  private static final String SLACK_TOKEN = "CanarySlackToken7f3a9c";
  private static final String SMTP_PASSWORD = "CanarySmtpPassword5e1b2d";
  private static final String HMAC_KEY = "CanaryHmacKey9d4c8e";
  private static final List<String> CANARIES = List.of(SLACK_TOKEN, SMTP_PASSWORD, HMAC_KEY);

  @TempDir Path dir;

  @Test
  void secretsAppearNowhere() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger ours = (Logger) LoggerFactory.getLogger("dev.chipwatch");
    Level before = ours.getLevel();
    logs.start();
    root.addAppender(logs);
    ours.setLevel(Level.DEBUG);
    GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.withConfiguration(GreenMailConfiguration.aConfig().withUser("desk@it.test", "chipwatch", "the-right-one"));
    try (StandInReceiver slack = new StandInReceiver(); StandInReceiver hooks = new StandInReceiver()) {
      smtp.start();
      slack.echoInErrors();
      hooks.echoInErrors();
      slack.answer(n -> n == 0 ? 500 : 403);
      hooks.answer(n -> n == 0 ? 502 : 400);
      Path password = dir.resolve("smtp-password");
      Files.writeString(password, SMTP_PASSWORD + "\n");
      Path file = AlertsHarness.configFile(dir, null, """
          rules:
            - {id: h20-any, kind: export_status, items: [nvidia-h20], receivers: [team-slack, hooks, desk-mail]}
          """, """
          groupWindowMillis: 0
          receivers:
            team-slack: {type: slack, webhookUrl: "%s"}
            hooks: {type: webhook, url: "%s", signingKey: "%s"}
            desk-mail: {type: email, host: 127.0.0.1, port: %d, startTls: false, username: chipwatch,
                        passwordFile: "%s", from: chipwatch@it.test, to: [desk@it.test]}
          """.formatted(slack.url("/services/T0/B0/" + SLACK_TOKEN), hooks.url("/hooks/in"), HMAC_KEY,
          smtp.getSmtp().getPort(), password));

      List<String> seen = new ArrayList<>();
      try (ChipwatchProcess process = ChipwatchProcess.open(new ConfigLoader().load(file, Map.of(), Map.of()), "chipwatch-it")) {
        process.start(EnumSet.of(Role.ALERTS));
        AlertsHarness.send(process, List.of(change("nvidia-h20", "CN", 0), change("nvidia-h20", "AE", 1)));
        await("every receiver dead-lettered both alerts", Duration.ofSeconds(45), () -> AlertsHarness
            .readAll(process, Topic.DLQ, DeadLetter.class).size() >= 6);

        List<DeadLetter> dlq = AlertsHarness.readAll(process, Topic.DLQ, DeadLetter.class);
        assertEquals(Set.of("team-slack", "hooks", "desk-mail"),
            dlq.stream().map(DeadLetter::getSourceId).collect(Collectors.toSet()));
        dlq.forEach(d -> seen.add("dlq: " + d));
        AlertsHarness.records(process, Topic.DLQ).forEach(r -> seen.add("dlq bytes: "
            + new String(r.value(), StandardCharsets.ISO_8859_1)));
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/metrics", "/health")) {
          seen.add(path + ": " + http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + process.metricsPort()
              + path)).build(), HttpResponse.BodyHandlers.ofString()).body());
        }
        seen.add("scrape: " + process.registry().scrape());
      }
      // configuration mistakes around secrets
      seen.add(assertThrows(RuntimeException.class, () -> Receivers.build(Map.of("s", Map.of("type", "slack",
          "webhookUrl", "ht tp://hooks.slack.com/services/" + SLACK_TOKEN)), Map.of(), System.out, Clock.systemUTC()))
          .getMessage());
      seen.add(assertThrows(RuntimeException.class, () -> Receivers.build(Map.of("w", Map.of("type", "webhook",
          "url", "ftp://x/" + HMAC_KEY, "signingKey", HMAC_KEY)), Map.of(), System.out, Clock.systemUTC())).getMessage());
      for (ILoggingEvent e : logs.list) {
        seen.add("log: " + e.getFormattedMessage()
            + (e.getThrowableProxy() == null ? "" : " " + ThrowableProxyUtil.asString(e.getThrowableProxy())));
      }

      assertTrue(slack.received().size() >= 2 && hooks.received().size() >= 2 && smtp.getReceivedMessages().length == 0,
          "every receiver was tried and failed");
      assertTrue(seen.stream().anyMatch(s -> s.contains("sent to the dlq")), "the failures were logged");
      assertTrue(seen.stream().anyMatch(s -> s.contains("HTTP 403 (bad request to")), "the echoing bodies were logged");
      for (String text : seen) {
        for (String canary : CANARIES) {
          assertFalse(text.contains(canary), "canary " + canary + " leaked in: " + text);
        }
      }
    } finally {
      root.detachAppender(logs);
      ours.setLevel(before);
      smtp.stop();
    }
  }
}
