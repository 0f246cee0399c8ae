package dev.chipwatch.alerts.notify;

import dev.chipwatch.schemas.avro.Alert;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/** Prints alerts for people watching a terminal or a log: the default receiver. */
public final class ConsoleNotifier implements Notifier {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final PrintStream out;

  public ConsoleNotifier(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  @Override
  public DeliveryResult send(List<Alert> alerts) {
    StringBuilder text = new StringBuilder();
    for (Alert alert : alerts) {
      format(alert, text);
    }
    // One print call, so alerts from concurrent deliveries do not interleave line by line.
    synchronized (out) {
      out.print(text);
      out.flush();
    }
    // PrintStream swallows IOExceptions; a closed stdout must not count as delivered.
    return out.checkError() ? DeliveryResult.retryable("console: output stream failed") : DeliveryResult.ok();
  }

  static void format(Alert alert, StringBuilder text) {
    text.append('[').append(alert.getSeverity()).append("] ").append(oneLine(alert.getTitle())).append('\n');
    text.append("  rule ").append(alert.getRuleId())
        .append(" · ").append(WHEN.format(alert.getOccurredAt()))
        .append(" · alert ").append(alert.getId(), 0, Math.min(12, alert.getId().length())).append('\n');
    for (String line : alert.getText().split("\n", -1)) {
      text.append(line.isEmpty() ? "" : "  " + stripControls(line)).append('\n');
    }
    text.append('\n');
  }

  private static String oneLine(String text) {
    return stripControls(text.replace('\n', ' '));
  }

  /** Article text must not move the cursor or recolour someone's terminal. */
  private static String stripControls(String text) {
    return text.replaceAll("[\\p{Cc}&&[^\\t]]", "");
  }
}
