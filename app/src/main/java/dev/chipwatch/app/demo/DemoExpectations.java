package dev.chipwatch.app.demo;

import dev.chipwatch.alerts.rules.DisplayNames;
import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.RuleKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The alerts the demo must raise: the H20's export status to China, and Nvidia crossing $4T upward. */
public final class DemoExpectations {
  private boolean h20China;
  private boolean nvidiaFourTrillion;
  private final Set<String> ids = new HashSet<>();
  private int duplicates;

  public void see(Alert alert) {
    if (!ids.add(alert.getId())) {
      duplicates++;
    }
    if (alert.getRuleKind() == RuleKind.EXPORT_STATUS && "nvidia-h20|CN".equals(alert.getSubject())) {
      h20China = true;
    }
    if (alert.getRuleKind() == RuleKind.MARKET_CAP && "nvidia".equals(alert.getSubject())
        && "UP".equals(alert.getLabels().get("direction"))
        && DisplayNames.usd(4.0e12).equals(alert.getLabels().get("threshold"))) {
      nvidiaFourTrillion = true;
    }
  }

  public boolean met() {
    return h20China && nvidiaFourTrillion;
  }

  public int alertsSeen() {
    return ids.size();
  }

  /** Alerts with an id seen before: must stay 0. */
  public int duplicates() {
    return duplicates;
  }

  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (!h20China) {
      missing.add("Nvidia H20 export status to China");
    }
    if (!nvidiaFourTrillion) {
      missing.add("Nvidia market cap crossing $4T upward");
    }
    return missing;
  }
}
