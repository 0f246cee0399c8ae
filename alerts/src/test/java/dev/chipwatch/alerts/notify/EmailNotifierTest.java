package dev.chipwatch.alerts.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailNotifierTest {

  static final String LOGIN = "alerts";
  static final String PASSWORD = "canary-smtp-password-8e4f";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-07-15T09:00:00Z"), ZoneOffset.UTC);

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@chipwatch.test", LOGIN, PASSWORD));

  static EmailSettings settings(int port) {
    return EmailSettings.of("127.0.0.1", port, "Chipwatch <alerts@chipwatch.test>", List.of("ops@example.test"))
        .withAuth(LOGIN, Secret.of(PASSWORD))
        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  static EmailNotifier plaintextNotifier() {
    return new EmailNotifier(settings(SMTP.getSmtp().getPort()).withStartTlsExplicitlyDisabled(), CLOCK);
  }

  static int refusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void sendsTextThenHtmlAlternativeWhenStartTlsExplicitlyDisabled() throws Exception {
    assertEquals(DeliveryResult.ok(), plaintextNotifier().send(List.of(TestAlerts.h20())));

    MimeMessage[] received = SMTP.getReceivedMessages();
    assertEquals(1, received.length);
    MimeMessage mail = received[0];
    assertEquals("[CRITICAL] Nvidia H20 → China: BANNED → ALLOWED", mail.getSubject());
    assertEquals("<" + TestAlerts.h20().getId() + "@alerts.chipwatch>", mail.getMessageID());
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertTrue(parts.getContentType().startsWith("multipart/alternative"), parts.getContentType());
    assertEquals(2, parts.getCount());
    assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
    assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
    String text = (String) parts.getBodyPart(0).getContent();
    String html = (String) parts.getBodyPart(1).getContent();
    assertTrue(text.contains("Export status of Nvidia H20 to China changed from BANNED to ALLOWED"), text);
    assertTrue(html.contains("<blockquote>The US will allow Nvidia to sell its H20 chips to China.</blockquote>"), html);
    assertTrue(html.contains("<a href=\"https://news.example/h20\">"), html);
  }

  @Test
  void digestIsOneMailAndArticleTextCannotInjectHtmlOrHeaders() throws Exception {
    var hostile = TestAlerts.alert("9".repeat(64), "<script>x</script>\r\nBcc: victim@example.test",
        "Body <img src=x onerror=alert(1)>", List.of(), List.of("javascript:alert(1)"));
    assertEquals(DeliveryResult.ok(), plaintextNotifier().send(List.of(hostile, TestAlerts.h20())));

    MimeMessage[] received = SMTP.getReceivedMessages();
    assertEquals(1, received.length);
    assertTrue(received[0].getSubject().startsWith("[Chipwatch] 2 alerts: <script>x</script> Bcc:"), received[0].getSubject());
    assertEquals(null, received[0].getHeader("Bcc"));
    String html = (String) ((MimeMultipart) received[0].getContent()).getBodyPart(1).getContent();
    assertFalse(html.contains("<script>") || html.contains("<img") || html.contains("href=\"javascript"), html);
    assertTrue(html.contains("&lt;script&gt;x&lt;/script&gt;"), html);
  }

  @Test
  void startTlsIsRequiredByDefaultSoAPlaintextServerGetsNothing() {
    var notifier = new EmailNotifier(settings(SMTP.getSmtp().getPort()), CLOCK);
    var result = assertInstanceOf(DeliveryResult.Permanent.class, notifier.send(List.of(TestAlerts.h20())));
    assertTrue(result.reason().contains("STARTTLS"), result.reason());
    assertEquals(0, SMTP.getReceivedMessages().length);
  }

  @Test
  void smtpDownIsRetryable() throws Exception {
    var notifier = new EmailNotifier(settings(refusedPort()).withStartTlsExplicitlyDisabled(), CLOCK);
    var result = assertInstanceOf(DeliveryResult.Retryable.class, notifier.send(List.of(TestAlerts.h20())));
    assertTrue(result.reason().startsWith("SMTP: server unreachable"), result.reason());
  }

  @Test
  void wrongPasswordIsPermanent() {
    var wrong = EmailSettings.of("127.0.0.1", SMTP.getSmtp().getPort(), "alerts@chipwatch.test", List.of("ops@example.test"))
        .withAuth(LOGIN, Secret.of("not-the-password")).withStartTlsExplicitlyDisabled();
    var result = assertInstanceOf(DeliveryResult.Permanent.class, new EmailNotifier(wrong, CLOCK).send(List.of(TestAlerts.h20())));
    assertEquals("SMTP: authentication failed", result.reason());
    assertEquals(0, SMTP.getReceivedMessages().length);
  }

  @Test
  void passwordAppearsInNoReasonOrToString() throws Exception {
    List<String> texts = new ArrayList<>();
    var settings = settings(SMTP.getSmtp().getPort());
    texts.add(settings.toString());
    texts.add(new EmailNotifier(settings, CLOCK).toString());
    texts.add(SlackNotifierTest.reasonOf(new EmailNotifier(settings, CLOCK).send(List.of(TestAlerts.h20()))));
    texts.add(SlackNotifierTest.reasonOf(new EmailNotifier(settings(refusedPort()), CLOCK).send(List.of(TestAlerts.h20()))));
    for (String text : texts) {
      assertFalse(text.contains("canary"), text);
    }
  }
}
