package dev.chipwatch.alerts.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleNotifierTest {

  @Test
  void printsAReadableMultiLineAlert() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    var console = new ConsoleNotifier(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    var alert = TestAlerts.alert("0123456789abcdef".repeat(4), "Nvidia H20 → China: BANNED → ALLOWED",
        "Export status changed.\n\n“Evidence.”\n\nSources:\n- https://news.example/h20", List.of(), List.of());

    assertEquals(DeliveryResult.ok(), console.send(List.of(alert)));

    assertEquals("""
        [CRITICAL] Nvidia H20 → China: BANNED → ALLOWED
          rule h20-china · 2025-07-15 08:00:00 UTC · alert 0123456789ab
          Export status changed.

          “Evidence.”

          Sources:
          - https://news.example/h20

        """, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void terminalControlCharactersFromArticlesAreDropped() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    var console = new ConsoleNotifier(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    console.send(List.of(TestAlerts.alert("f".repeat(64), "Red \u001b[31malert\u0007", "Body\u001b[2J", List.of(), List.of())));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertFalse(printed.contains("\u001b"), printed);
    assertFalse(printed.contains("\u0007"), printed);
  }

  @Test
  void brokenOutputIsNotDelivered() {
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("stdout closed");
      }
    };
    var console = new ConsoleNotifier(new PrintStream(broken, true, StandardCharsets.UTF_8));
    assertInstanceOf(DeliveryResult.Retryable.class, console.send(List.of(TestAlerts.h20())));
  }
}
