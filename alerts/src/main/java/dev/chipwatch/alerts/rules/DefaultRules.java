package dev.chipwatch.alerts.rules;

import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.RuleKind;
import dev.chipwatch.schemas.avro.Severity;
import java.util.ArrayList;
import java.util.List;

/** The subscriptions a fresh installation starts with; users add, change or remove them. */
public final class DefaultRules {

  public static final String EVERY_EXPORT_STATUS_CHANGE = "default-export-status";
  public static final String WHOLE_TRILLION_CROSSINGS = "default-market-cap-trillions";
  static final List<String> VENDORS = List.of("nvidia", "amd", "broadcom", "tsmc");
  private static final List<String> RECEIVERS = List.of("console");

  private DefaultRules() {}

  /**
   * Every export-status change, and Nvidia, AMD, Broadcom or TSMC crossing any whole trillion
   * from $1T to $10T, either way; all to the console receiver.
   */
  public static List<AlertRule> get() {
    List<Double> trillions = new ArrayList<>();
    for (int t = 1; t <= 10; t++) {
      trillions.add(t * 1e12);
    }
    AlertRule exportStatus = AlertRule.newBuilder()
        .setId(EVERY_EXPORT_STATUS_CHANGE)
        .setKind(RuleKind.EXPORT_STATUS)
        .setItems(new ArrayList<>(List.of("*")))
        .setReceivers(new ArrayList<>(RECEIVERS))
        .setSeverity(Severity.WARNING)
        .build();
    AlertRule marketCap = AlertRule.newBuilder()
        .setId(WHOLE_TRILLION_CROSSINGS)
        .setKind(RuleKind.MARKET_CAP)
        .setVendors(new ArrayList<>(VENDORS))
        .setThresholdsUsd(trillions)
        .setReceivers(new ArrayList<>(RECEIVERS))
        .setSeverity(Severity.INFO)
        .build();
    return List.of(exportStatus, marketCap);
  }
}
