package dev.chipwatch.alerts.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chipwatch.alerts.notify.FakeHttpReceiver.Answer;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackNotifierTest {

  static final String CANARY_PATH = "/services/T0CANARY/B0CANARY/canary-slack-token-7f3a9";
  static final Instant NOW = Instant.parse("2025-07-15T09:00:00Z");
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  final ObjectMapper json = new ObjectMapper();
  FakeHttpReceiver slack;
  SlackNotifier notifier;

  @BeforeEach
  void start() throws Exception {
    slack = new FakeHttpReceiver();
    notifier = notifierFor(slack.url(CANARY_PATH));
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  static SlackNotifier notifierFor(String url) {
    return new SlackNotifier(HTTP, Secret.of(url), Duration.ofMillis(300), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  JsonNode onlyMessage() throws Exception {
    assertEquals(1, slack.received.size());
    FakeHttpReceiver.Received request = slack.received.get(0);
    assertEquals("POST", request.method());
    assertEquals(CANARY_PATH, request.path());
    assertTrue(request.headers().getFirst("Content-Type").startsWith("application/json"));
    return json.readTree(request.body());
  }

  static List<String> allTexts(JsonNode node) {
    List<String> texts = new ArrayList<>();
    if (node.isTextual()) {
      texts.add(node.asText());
    }
    node.forEach(child -> texts.addAll(allTexts(child)));
    return texts;
  }

  @Test
  void okSendsBlockKitWithHeaderFieldsEvidenceAndLinks() throws Exception {
    assertEquals(DeliveryResult.ok(), notifier.send(List.of(TestAlerts.h20())));
    JsonNode message = onlyMessage();
    assertEquals("Nvidia H20 → China: BANNED → ALLOWED", message.get("text").asText());
    JsonNode blocks = message.get("blocks");
    assertEquals("header", blocks.get(0).get("type").asText());
    assertEquals("plain_text", blocks.get(0).get("text").get("type").asText());
    assertEquals("Nvidia H20 → China: BANNED → ALLOWED", blocks.get(0).get("text").get("text").asText());
    assertTrue(blocks.get(1).get("text").get("text").asText().startsWith("Export status of Nvidia H20"));
    List<String> fields = new ArrayList<>();
    blocks.get(2).get("fields").forEach(f -> fields.add(f.get("text").asText()));
    assertTrue(fields.contains("*Severity*\nCRITICAL"), fields.toString());
    assertTrue(fields.contains("*Change*\nBANNED → ALLOWED"), fields.toString());
    assertEquals("> The US will allow Nvidia to sell its H20 chips to China.", blocks.get(3).get("text").get("text").asText());
    assertEquals("• <https://news.example/h20|news.example/h20>", blocks.get(4).get("text").get("text").asText());
    assertEquals("context", blocks.get(5).get("type").asText());
  }

  @Test
  void articleTextCannotMentionAnyone() throws Exception {
    assertEquals(DeliveryResult.ok(), notifier.send(List.of(TestAlerts.hostile())));
    JsonNode message = onlyMessage();
    for (String text : allTexts(message)) {
      for (String mention : List.of("<!channel>", "<!here>", "<!everyone>", "<@U123>", "<https://evil")) {
        assertFalse(text.contains(mention), "unescaped " + mention + " in " + text);
      }
      // Every remaining '<' opens one of our own links.
      int open = text.indexOf('<');
      while (open >= 0) {
        assertTrue(text.startsWith("<https://news.example/", open), text);
        open = text.indexOf('<', open + 1);
      }
    }
    assertEquals("&lt;!channel&gt; Chips &amp; Dips &lt;@U123&gt;", message.get("text").asText());
    String links = message.get("blocks").get(4).get("text").get("text").asText();
    assertTrue(links.startsWith("• <https://news.example/a?b=1&amp;c=2%7Cx%3Ey|"), links);
  }

  @Test
  void digestStaysWithinFiftyBlocksAndSectionLimits() throws Exception {
    List<dev.chipwatch.schemas.avro.Alert> alerts = new ArrayList<>(TestAlerts.many(30));
    alerts.add(0, TestAlerts.alert("e".repeat(64), "Long", "x & y ".repeat(2000), List.of(), List.of()));
    assertEquals(DeliveryResult.ok(), notifier.send(alerts));
    JsonNode message = onlyMessage();
    JsonNode blocks = message.get("blocks");
    assertTrue(blocks.size() <= 50, "blocks: " + blocks.size());
    assertEquals("Chipwatch: 31 alerts", blocks.get(0).get("text").get("text").asText());
    assertTrue(message.get("text").asText().startsWith("31 alerts: Long; Alert 0; Alert 1"));
    JsonNode last = blocks.get(blocks.size() - 1);
    assertEquals("context", last.get("type").asText());
    assertTrue(last.get("elements").get(0).get("text").asText().endsWith("more alerts not shown"));
    for (JsonNode block : blocks) {
      if (block.has("text")) {
        String text = block.get("text").get("text").asText();
        assertTrue(text.length() <= 3000, "section of " + text.length());
        assertFalse(text.matches("(?s).*&[a-z]{0,3}…$"), "entity cut in half");
      }
    }
  }

  @Test
  void serverErrorIsRetryable() {
    slack.answer(Answer.status(500, "oops"));
    DeliveryResult result = notifier.send(List.of(TestAlerts.h20()));
    var retryable = assertInstanceOf(DeliveryResult.Retryable.class, result);
    assertEquals(Optional.empty(), retryable.retryAfter());
    assertTrue(retryable.reason().contains("HTTP 500"), retryable.reason());
  }

  @Test
  void rateLimitIsRetryableAfterWhatSlackSays() {
    slack.answer(Answer.rateLimited("7"));
    var seconds = assertInstanceOf(DeliveryResult.Retryable.class, notifier.send(List.of(TestAlerts.h20())));
    assertEquals(Optional.of(Duration.ofSeconds(7)), seconds.retryAfter());

    String in90s = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atZone(ZoneOffset.UTC));
    slack.answer(Answer.rateLimited(in90s));
    var date = assertInstanceOf(DeliveryResult.Retryable.class, notifier.send(List.of(TestAlerts.h20())));
    assertEquals(Optional.of(Duration.ofSeconds(90)), date.retryAfter());
  }

  @Test
  void slowSlackTimesOutAsRetryable() {
    slack.answer(Answer.slow(2_000));
    long start = System.nanoTime();
    var result = assertInstanceOf(DeliveryResult.Retryable.class, notifier.send(List.of(TestAlerts.h20())));
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1_500, "waited for the slow server");
    assertTrue(result.reason().contains("timed out"), result.reason());
  }

  @Test
  void refusedConnectionIsRetryable() throws Exception {
    SlackNotifier down = notifierFor(FakeHttpReceiver.refusingUrl(CANARY_PATH));
    var result = assertInstanceOf(DeliveryResult.Retryable.class, down.send(List.of(TestAlerts.h20())));
    assertTrue(result.reason().contains("network error"), result.reason());
  }

  @Test
  void forbiddenIsPermanent() {
    slack.answer(Answer.status(403, "invalid_token"));
    var result = assertInstanceOf(DeliveryResult.Permanent.class, notifier.send(List.of(TestAlerts.h20())));
    assertEquals("Slack webhook: HTTP 403 (invalid_token)", result.reason());
  }

  @Test
  void webhookUrlAppearsInNoReasonExceptionOrToString() throws Exception {
    List<String> reasons = new ArrayList<>();
    // A misbehaving server that echoes the URL it was called on.
    slack.answer(Answer.status(400, "bad request to " + slack.url(CANARY_PATH)));
    reasons.add(reasonOf(notifier.send(List.of(TestAlerts.h20()))));
    slack.answer(Answer.status(502, "upstream " + CANARY_PATH));
    reasons.add(reasonOf(notifier.send(List.of(TestAlerts.h20()))));
    slack.answer(Answer.slow(2_000));
    reasons.add(reasonOf(notifier.send(List.of(TestAlerts.h20()))));
    reasons.add(reasonOf(notifierFor(FakeHttpReceiver.refusingUrl(CANARY_PATH)).send(List.of(TestAlerts.h20()))));
    reasons.add(notifier.toString());
    reasons.add(assertThrows(IllegalArgumentException.class,
        () -> notifierFor("ht tp://hooks" + CANARY_PATH)).getMessage());
    reasons.add(assertThrows(IllegalArgumentException.class,
        () -> notifierFor("ftp://hooks.example" + CANARY_PATH)).getMessage());
    for (String reason : reasons) {
      assertFalse(reason.contains("canary") || reason.contains("CANARY"), reason);
    }
    assertTrue(reasons.get(0).contains("HTTP 400 (bad request to ***)"), reasons.get(0));
  }

  static String reasonOf(DeliveryResult result) {
    if (result instanceof DeliveryResult.Retryable r) {
      return r.reason() + " " + r;
    }
    if (result instanceof DeliveryResult.Permanent p) {
      return p.reason() + " " + p;
    }
    throw new AssertionError("expected a failure, got " + result);
  }
}
