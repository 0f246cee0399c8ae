package dev.chipwatch.alerts.topology;

import dev.chipwatch.alerts.rules.InheritedStatusChanges;
import dev.chipwatch.alerts.rules.RuleEvaluator;
import dev.chipwatch.alerts.rules.StatusInheritance;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.ExportStatus;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import dev.chipwatch.schemas.avro.TaggedArticle;
import dev.chipwatch.schemas.avro.ThresholdCrossing;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The alerts topology: the alert-rules table (a global store, so every instance sees every rule)
 * evaluated against export-status changes, market-cap crossings and tagged articles; each alert
 * goes to the alerts topic, keyed by rule id.
 */
public final class AlertsTopology {
  /** The alert-rules table, in every instance. */
  static final String RULES_STORE = "alert-rules-store";
  /** The export-status table, in every instance: for inheritance by rules naming a member, and the gauge. */
  static final String STATUS_STORE = "export-status-table";
  static final String RAISED_ON_STATUS = "raised-status-alerts";
  static final String RAISED_ON_CROSSING = "raised-crossing-alerts";
  static final String RAISED_ON_ARTICLE = "raised-article-alerts";

  private AlertsTopology() {}

  /**
   * @param inheritance which items inherit which export status (for rules naming members, and the gauge)
   * @param cloudEvents also write each alert as CloudEvents JSON to the alerts.cloudevents topic, in
   *     the same transaction as the Avro one, for consumers without Avro
   */
  public static Topology build(Topics topics, RuleEvaluator evaluator, StatusInheritance inheritance,
      MeterRegistry registry, boolean cloudEvents) {
    InheritedStatusChanges inherited = new InheritedStatusChanges(evaluator, inheritance);
    StatusGauges gauges = new StatusGauges(registry, inheritance);
    Serde<String> keys = Topics.keySerde();
    StreamsBuilder builder = new StreamsBuilder();
    RuleVersion version = new RuleVersion();

    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RULES_STORE), keys,
            Topics.valueSerde(AlertRule.class)).withLoggingDisabled(),
        topics.name(Topic.ALERT_RULES),
        Consumed.with(keys, Topics.valueSerde(AlertRule.class)).withName("alert-rules-source"),
        () -> new GlobalTableProcessor<AlertRule>(RULES_STORE, (key, rule, table) -> version.changed()));
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATUS_STORE), keys,
            Topics.valueSerde(ExportStatus.class)).withLoggingDisabled(),
        topics.name(Topic.EXPORT_STATUS),
        Consumed.with(keys, Topics.valueSerde(ExportStatus.class)).withName("export-status-source"),
        () -> new GlobalTableProcessor<ExportStatus>(STATUS_STORE, gauges));
    for (String store : new String[] {RAISED_ON_STATUS, RAISED_ON_CROSSING, RAISED_ON_ARTICLE}) {
      builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), keys, Serdes.Long()));
    }

    Produced<String, Alert> toAlerts = Produced.with(keys, Topics.valueSerde(Alert.class));
    KStream<String, Alert> onStatus = builder
        .stream(topics.name(Topic.EXPORT_STATUS_CHANGES),
            Consumed.with(keys, Topics.valueSerde(ExportStatusChange.class)).withName("status-changes-source"))
        .process(() -> new AlertRaisingProcessor<ExportStatusChange>(RAISED_ON_STATUS, (rules, change, status) -> {
          List<Alert> alerts = new ArrayList<>(evaluator.onStatusChange(rules, change));
          alerts.addAll(inherited.alerts(rules, change, status));
          return alerts;
        }, registry, version),
            Named.as("alerts-on-status-change"), RAISED_ON_STATUS);
    KStream<String, Alert> onCrossing = builder
        .stream(topics.name(Topic.MARKET_CAP_CROSSINGS),
            Consumed.with(keys, Topics.valueSerde(ThresholdCrossing.class)).withName("crossings-source"))
        .process(() -> new AlertRaisingProcessor<ThresholdCrossing>(RAISED_ON_CROSSING,
            AlertRaisingProcessor.Evaluation.of(evaluator::onCrossing), registry, version),
            Named.as("alerts-on-crossing"), RAISED_ON_CROSSING);
    KStream<String, Alert> onArticle = builder
        .stream(topics.name(Topic.ARTICLES_TAGGED),
            Consumed.with(keys, Topics.valueSerde(TaggedArticle.class)).withName("tagged-articles-source"))
        .process(() -> new AlertRaisingProcessor<TaggedArticle>(RAISED_ON_ARTICLE,
            AlertRaisingProcessor.Evaluation.of(evaluator::onArticle), registry, version),
            Named.as("alerts-on-article"), RAISED_ON_ARTICLE);

    onStatus.to(topics.name(Topic.ALERTS), toAlerts.withName("alerts-on-status-change-sink"));
    onCrossing.to(topics.name(Topic.ALERTS), Produced.with(keys, Topics.valueSerde(Alert.class)).withName("alerts-on-crossing-sink"));
    onArticle.to(topics.name(Topic.ALERTS), Produced.with(keys, Topics.valueSerde(Alert.class)).withName("alerts-on-article-sink"));
    if (cloudEvents) {
      onStatus.merge(onCrossing, Named.as("all-alerts-1")).merge(onArticle, Named.as("all-alerts"))
          .process(CloudEventProcessor::new, Named.as("alerts-as-cloudevents"))
          .to(topics.name(Topic.ALERTS_CLOUDEVENTS),
              Produced.with(keys, Serdes.ByteArray()).withName("alerts-cloudevents-sink"));
    }
    return builder.build();
  }
}
