package dev.chipwatch.alerts.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chipwatch.alerts.notify.FakeHttpReceiver.Answer;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {

  static final String HMAC_KEY = "canary-hmac-key-5b1e0c";
  static final String PATH = "/hooks/canary-endpoint-token-19d2";
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-07-15T09:00:00Z"), ZoneOffset.UTC);

  final ObjectMapper json = new ObjectMapper();
  FakeHttpReceiver receiver;
  WebhookNotifier notifier;

  @BeforeEach
  void start() throws Exception {
    receiver = new FakeHttpReceiver();
    notifier = notifierFor(receiver.url(PATH));
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  static WebhookNotifier notifierFor(String url) {
    return new WebhookNotifier(HTTP, Secret.of(url), Secret.of(HMAC_KEY), Duration.ofMillis(300), CLOCK);
  }

  /** What a receiver does: HMAC the raw body with the shared key and compare in constant time. */
  static boolean signatureValid(String body, String header) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(HMAC_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), header.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void postsSignedCloudEventWithIdempotencyKey() throws Exception {
    assertEquals(DeliveryResult.ok(), notifier.send(List.of(TestAlerts.h20())));
    assertEquals(1, receiver.received.size());
    var request = receiver.received.get(0);
    assertEquals(PATH, request.path());
    assertTrue(request.headers().getFirst("Content-Type").startsWith("application/cloudevents+json"));
    assertEquals(TestAlerts.h20().getId(), request.headers().getFirst("Idempotency-Key"));
    String signature = request.headers().getFirst("X-Chipwatch-Signature");
    assertTrue(signatureValid(request.body(), signature), signature);
    assertFalse(signatureValid(request.body().replace("ALLOWED", "BANNED"), signature), "tampering must break it");

    JsonNode event = json.readTree(request.body());
    assertEquals("1.0", event.get("specversion").asText());
    assertEquals(TestAlerts.h20().getId(), event.get("id").asText());
    assertEquals("/chipwatch/alerts", event.get("source").asText());
    assertEquals("dev.chipwatch.alert.raised", event.get("type").asText());
    assertEquals("nvidia-h20|CN", event.get("subject").asText());
    assertEquals("2025-07-15T08:00:05Z", event.get("time").asText());
    assertEquals("application/json", event.get("datacontenttype").asText());
    JsonNode data = event.get("data");
    assertEquals("Nvidia H20 → China: BANNED → ALLOWED", data.get("title").asText());
    assertEquals("ALLOWED", data.get("newState").asText());
    assertEquals("nvidia-h20", data.get("labels").get("item").asText());
    assertEquals("https://news.example/h20", data.get("links").get(0).asText());
    assertEquals("2025-07-15T08:00:03Z", data.get("firstSeenAt").asText());
  }

  @Test
  void sameAlertIsSignedIdenticallyOnRetry() {
    notifier.send(List.of(TestAlerts.h20()));
    notifier.send(List.of(TestAlerts.h20()));
    var first = receiver.received.get(0);
    var second = receiver.received.get(1);
    assertEquals(first.body(), second.body());
    assertEquals(first.headers().getFirst("X-Chipwatch-Signature"), second.headers().getFirst("X-Chipwatch-Signature"));
  }

  @Test
  void listIsSentInOrderAndStopsAtFirstFailure() {
    var alerts = TestAlerts.many(3);
    receiver.answer(Answer.ok(), Answer.status(503, "busy"), Answer.ok());
    var result = assertInstanceOf(DeliveryResult.Retryable.class, notifier.send(alerts));
    assertTrue(result.reason().contains("HTTP 503"), result.reason());
    assertEquals(List.of(alerts.get(0).getId(), alerts.get(1).getId()),
        receiver.received.stream().map(r -> r.headers().getFirst("Idempotency-Key")).toList());
  }

  @Test
  void statusesMapToRetryableOrPermanent() throws Exception {
    receiver.answer(Answer.status(500, ""));
    assertInstanceOf(DeliveryResult.Retryable.class, notifier.send(List.of(TestAlerts.h20())));
    receiver.answer(Answer.rateLimited("3"));
    assertEquals(Optional.of(Duration.ofSeconds(3)),
        assertInstanceOf(DeliveryResult.Retryable.class, notifier.send(List.of(TestAlerts.h20()))).retryAfter());
    receiver.answer(Answer.status(403, "forbidden"));
    assertInstanceOf(DeliveryResult.Permanent.class, notifier.send(List.of(TestAlerts.h20())));
    receiver.answer(Answer.status(410, "gone"));
    assertInstanceOf(DeliveryResult.Permanent.class, notifier.send(List.of(TestAlerts.h20())));
    receiver.answer(Answer.slow(2_000));
    assertInstanceOf(DeliveryResult.Retryable.class, notifier.send(List.of(TestAlerts.h20())));
    assertInstanceOf(DeliveryResult.Retryable.class,
        notifierFor(FakeHttpReceiver.refusingUrl(PATH)).send(List.of(TestAlerts.h20())));
  }

  @Test
  void hmacKeyAndEndpointAppearNowhere() throws Exception {
    List<String> texts = new ArrayList<>();
    receiver.answer(Answer.status(401, "bad signature for key " + HMAC_KEY + " at " + PATH));
    texts.add(SlackNotifierTest.reasonOf(notifier.send(List.of(TestAlerts.h20()))));
    receiver.answer(Answer.status(500, HMAC_KEY));
    texts.add(SlackNotifierTest.reasonOf(notifier.send(List.of(TestAlerts.h20()))));
    texts.add(SlackNotifierTest.reasonOf(notifierFor(FakeHttpReceiver.refusingUrl(PATH)).send(List.of(TestAlerts.h20()))));
    texts.add(notifier.toString());
    for (var request : receiver.received) {
      texts.add(request.body());
    }
    for (String text : texts) {
      assertFalse(text.contains("canary"), text);
    }
  }
}
