package dev.chipwatch.app.it;

import static dev.chipwatch.app.it.AlertsHarness.await;
import static dev.chipwatch.app.it.AlertsHarness.change;
import static dev.chipwatch.app.it.AlertsHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.chipwatch.app.broker.EmbeddedKafka;
import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.runtime.ChipwatchProcess;
import dev.chipwatch.app.runtime.Role;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.Alert;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery on a real in-JVM broker: a Slack failing then recovering, a process stopped while its
 * message is in flight, an SMTP server down. The broker runs apart from the Chipwatch process, so
 * the process can be stopped and started again on the same data.
 */
class DeliveryIT {
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final String RULES = """
      rules:
        - {id: h20-cn, kind: export_status, items: [nvidia-h20], destinations: [CN], receivers: [team-slack]}
        - {id: h20-ae, kind: export_status, items: [nvidia-h20], destinations: [AE], receivers: [team-slack]}
      """;

  @TempDir Path dir;
  private EmbeddedKafka broker;
  private StandInReceiver slack;

  @BeforeEach
  void start() throws Exception {
    broker = EmbeddedKafka.onFreePorts(dir.resolve("kafka"));
    broker.start();
    slack = new StandInReceiver();
  }

  @AfterEach
  void stop() {
    slack.close();
    broker.close();
  }

  @Test
  void slackFailingThenRecoveringGetsEveryAlertOnceInOrderPerRule() throws Exception {
    // six 500s, then a 429 asking for a second's pause, then OK
    slack.answer(n -> n < 6 ? 500 : n == 6 ? 429 : 200);
    ChipwatchConfig config = config(dir, broker.bootstrapServers(), RULES, """
        groupWindowMillis: 300
        receivers:
          team-slack: {type: slack, webhookUrl: "%s"}
        """.formatted(slack.url("/services/T0/B0/it")));
    try (ChipwatchProcess process = ChipwatchProcess.open(config, "chipwatch-it")) {
      process.start(EnumSet.of(Role.ALERTS));
      List<dev.chipwatch.schemas.avro.ExportStatusChange> changes = new ArrayList<>();
      for (int n = 0; n < 8; n++) {
        changes.add(change("nvidia-h20", n % 2 == 0 ? "CN" : "AE", n));
      }
      AlertsHarness.send(process, changes);

      await("Slack accepted all 8 alerts", WAIT, () -> acceptedIds().size() >= 8);
      await("the delivery committed every alert", WAIT, () -> deliveryDone(process, "team-slack"));

      Map<String, List<String>> raisedPerRule = perRule(AlertsHarness.records(process, Topic.ALERTS));
      List<String> accepted = acceptedIds();
      assertEquals(8, accepted.size(), "each alert accepted once: " + accepted);
      assertEquals(8, Set.copyOf(accepted).size(), "no alert accepted twice: " + accepted);
      for (Map.Entry<String, List<String>> rule : raisedPerRule.entrySet()) {
        assertEquals(rule.getValue(), accepted.stream().filter(rule.getValue()::contains).toList(),
            "rule " + rule.getKey() + " delivered in the order raised");
      }
      assertTrue(slack.received().stream().filter(r -> !r.accepted()).count() >= 7, "the failures were real");
      String metrics = process.registry().scrape();
      assertTrue(metrics.contains("chipwatch_notifications_failed_total{application=\"chipwatch-it\",reason=\"retryable\",receiver_type=\"slack\"}"),
          metrics);
    }
  }

  @Test
  void processStoppedWhileItsMessageIsInFlightResendsItOnceAndCountsIt() throws Exception {
    // the first message reaches Slack, but its answer never comes back: the process stops meanwhile
    slack.answer(n -> n == 0 ? StandInReceiver.HOLD_THEN_DROP : 200);
    ChipwatchConfig config = config(dir, broker.bootstrapServers(), RULES, """
        groupWindowMillis: 300
        receivers:
          team-slack: {type: slack, webhookUrl: "%s", timeoutSeconds: 3}
        """.formatted(slack.url("/services/T0/B0/it")));
    ChipwatchProcess first = ChipwatchProcess.open(config, "chipwatch-it");
    try (first) {
      first.start(EnumSet.of(Role.ALERTS));
      AlertsHarness.send(first, List.of(change("nvidia-h20", "CN", 0)));
      await("Slack received the first message", WAIT, () -> slack.received().size() == 1);
    } // closing waits for the stalled send to time out (3 s); the notification log never hears of it
    assertEquals(1, slack.received().size(), "stopped before any retry");
    // more changes while the alerts service is down
    AlertsHarness.send(first, List.of(change("nvidia-h20", "AE", 1), change("nvidia-h20", "CN", 2)));

    try (ChipwatchProcess again = ChipwatchProcess.open(config, "chipwatch-it")) {
      again.start(EnumSet.of(Role.ALERTS));
      await("all three alerts accepted after the restart", WAIT, () -> acceptedIds().size() >= 3);
      await("the delivery committed every alert", WAIT, () -> deliveryDone(again, "team-slack"));

      List<String> raised = AlertsHarness.readAll(again, Topic.ALERTS, Alert.class).stream()
          .map(a -> a.getId().substring(0, 12)).toList();
      assertEquals(3, raised.size(), "every change raised once");
      List<String> everything = slack.received().stream().flatMap(r -> r.slackAlertIds().stream()).toList();
      Map<String, Long> times = everything.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      String inFlight = slack.received().get(0).slackAlertIds().get(0);
      assertEquals(Map.of(inFlight, 2L), times.entrySet().stream().filter(e -> e.getValue() > 1)
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "only the in-flight alert twice: " + everything);
      assertEquals(Set.copyOf(raised), Set.copyOf(acceptedIds()), "no alert lost");
      assertEquals(1.0, again.registry().counter("chipwatch.notifications.possible.duplicates", "receiver_type", "slack").count(),
          "the resend was counted");
    }
  }

  @Test
  void emailWaitsForItsServerWhileSlackGoesOn() throws Exception {
    int smtpPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      smtpPort = probe.getLocalPort(); // free now; nothing listens until GreenMail starts below
    }
    ChipwatchConfig config = config(dir, broker.bootstrapServers(), """
        rules:
          - {id: h20-any, kind: export_status, items: [nvidia-h20], receivers: [team-slack, desk-mail]}
        """, """
        groupWindowMillis: 300
        receivers:
          team-slack: {type: slack, webhookUrl: "%s"}
          desk-mail: {type: email, host: 127.0.0.1, port: %d, startTls: false, from: chipwatch@it.test,
                      to: [desk@it.test], timeoutSeconds: 2}
        """.formatted(slack.url("/services/T0/B0/it"), smtpPort));
    try (ChipwatchProcess process = ChipwatchProcess.open(config, "chipwatch-it")) {
      process.start(EnumSet.of(Role.ALERTS));
      AlertsHarness.send(process, List.of(change("nvidia-h20", "CN", 0), change("nvidia-h20", "AE", 1),
          change("nvidia-h20", "SA", 2)));

      await("Slack got all three while SMTP is down", WAIT, () -> acceptedIds().size() >= 3);
      await("email attempts failed meanwhile", WAIT, () -> process.registry().find("chipwatch.notifications.failed")
          .tag("receiver_type", "email").counters().stream().mapToDouble(c -> c.count()).sum() >= 2);

      GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.start();
      try {
        List<String> countries = List.of("China", "United Arab Emirates", "Saudi Arabia");
        await("the queued alerts were emailed once SMTP came back", WAIT,
            () -> countries.stream().allMatch(c -> mentions(smtp, c) >= 1));
        await("the email delivery committed every alert", WAIT, () -> deliveryDone(process, "desk-mail"));
        for (String country : countries) {
          assertEquals(1, mentions(smtp, " to " + country + " "), country + " in exactly one email");
        }
        assertEquals(3, acceptedIds().size(), "Slack got nothing twice");
      } finally {
        smtp.stop();
      }
    }
  }

  // ---- helpers

  private List<String> acceptedIds() {
    return slack.received().stream().filter(StandInReceiver.Received::accepted)
        .flatMap(r -> r.slackAlertIds().stream()).toList();
  }

  /** Alert id prefixes per rule, in the order raised (a rule's alerts share one partition). */
  private static Map<String, List<String>> perRule(List<ConsumerRecord<String, byte[]>> records) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      Alert a = Topics.valueSerde(Alert.class).deserializer().deserialize(r.topic(), r.value());
      out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(a.getId().substring(0, 12));
    }
    return out;
  }

  /**
   * No alert after the receiver group's committed offsets: nothing pending. (Committed offsets stop
   * short of the end offsets by the transaction markers the alerts topology writes.)
   */
  private static boolean deliveryDone(ChipwatchProcess process, String receiver) {
    String topic = process.topics().name(Topic.ALERTS);
    try (Admin admin = Admin.create(process.kafka().admin());
        var consumer = new KafkaConsumer<>(process.kafka().consumer("it-lag", null), new StringDeserializer(),
            new ByteArrayDeserializer())) {
      var committed = admin.listConsumerGroupOffsets("chipwatch-notify-" + receiver).partitionsToOffsetAndMetadata().get();
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < Topic.ALERTS.partitions(); p++) {
        partitions.add(new TopicPartition(topic, p));
      }
      consumer.assign(partitions);
      for (TopicPartition p : partitions) {
        consumer.seek(p, committed.get(p) == null ? 0 : committed.get(p).offset());
      }
      var end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
          return false;
        }
      }
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static int mentions(GreenMail smtp, String text) {
    int n = 0;
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (textOf(m).contains(text)) {
        n++;
      }
    }
    return n;
  }

  private static String textOf(MimeMessage message) {
    try {
      Object content = message.getContent();
      if (content instanceof Multipart multipart) {
        return String.valueOf(multipart.getBodyPart(0).getContent());
      }
      return String.valueOf(content);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

}
