package dev.chipwatch.alerts.notify;

import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.RuleKind;
import dev.chipwatch.schemas.avro.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class TestAlerts {

  static final Instant AT = Instant.parse("2025-07-15T08:00:00Z");

  private TestAlerts() {}

  static Alert h20() {
    return alert("a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2",
        "Nvidia H20 → China: BANNED → ALLOWED",
        "Export status of Nvidia H20 to China changed from BANNED to ALLOWED on 2025-07-15 08:00 UTC.",
        List.of("The US will allow Nvidia to sell its H20 chips to China."),
        List.of("https://news.example/h20"));
  }

  /** An alert whose article text tries to notify a whole Slack channel. */
  static Alert hostile() {
    return alert("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "<!channel> Chips & Dips <@U123>",
        "Body with <!here> and <https://evil.example|click> & more.",
        List.of("Evidence <!everyone> > quoted"),
        List.of("https://news.example/a?b=1&c=2|x>y"));
  }

  static Alert alert(String id, String title, String text, List<String> evidence, List<String> links) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kind", "EXPORT_STATUS");
    labels.put("item", "nvidia-h20");
    return Alert.newBuilder()
        .setId(id).setRuleId("h20-china").setRuleKind(RuleKind.EXPORT_STATUS)
        .setSeverity(Severity.CRITICAL).setTitle(title).setText(text)
        .setSubject("nvidia-h20|CN").setPreviousState("BANNED").setNewState("ALLOWED")
        .setLabels(labels).setEvidence(new ArrayList<>(evidence)).setLinks(new ArrayList<>(links))
        .setReceivers(new ArrayList<>(List.of("slack-team")))
        .setOccurredAt(AT).setFirstSeenAt(AT.plusSeconds(3)).setRaisedAt(AT.plusSeconds(5))
        .build();
  }

  static List<Alert> many(int count) {
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      alerts.add(alert(String.format("%064x", i), "Alert " + i, "Text " + i,
          List.of("Evidence " + i), List.of("https://news.example/" + i)));
    }
    return alerts;
  }
}
