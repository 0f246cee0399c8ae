package dev.chipwatch.app.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks the values Jackson cannot: ranges, allowed words, required fields of list entries. */
final class ConfigValidator {
  private static final Set<String> GUARANTEES = Set.of("exactly_once_v2", "at_least_once");

  private ConfigValidator() {}

  static void validate(ChipwatchConfig c) {
    require(!c.dataDir().isBlank(), "dataDir: expected a directory path");
    ChipwatchConfig.Kafka k = c.kafka();
    port("kafka.embedded.port", k.embedded().port());
    port("kafka.embedded.controllerPort", k.embedded().controllerPort());
    require(k.embedded().port() != k.embedded().controllerPort() || k.embedded().port() == 0,
        "kafka.embedded.controllerPort: must differ from kafka.embedded.port");
    require(GUARANTEES.contains(k.processingGuarantee()),
        "kafka.processingGuarantee: expected one of " + GUARANTEES + ", got '" + k.processingGuarantee() + "'");
    require(k.replicationFactor() >= 1, "kafka.replicationFactor: expected at least 1");
    require(k.topicPrefix().matches("[a-zA-Z0-9._-]*"),
        "kafka.topicPrefix: only letters, digits, '.', '_' and '-' are allowed");
    port("metrics.port", c.metrics().port());

    ChipwatchConfig.Ingest in = c.ingest();
    positive("ingest.defaultIntervalSeconds", in.defaultIntervalSeconds());
    positive("ingest.minIntervalSeconds", in.minIntervalSeconds());
    require(in.maxIntervalSeconds() >= in.minIntervalSeconds(),
        "ingest.maxIntervalSeconds: expected at least ingest.minIntervalSeconds");
    positive("ingest.fetchTimeoutSeconds", in.fetchTimeoutSeconds());
    positive("ingest.fetchThreads", in.fetchThreads());
    positive("ingest.perHostConcurrency", in.perHostConcurrency());
    positive("ingest.maxSlowdown", in.maxSlowdown());
    ChipwatchConfig.WebSub ws = in.websub();
    if (ws.enabled()) {
      require(ws.callbackUrl().startsWith("http://") || ws.callbackUrl().startsWith("https://"),
          "ingest.websub.callbackUrl: expected an http or https URL");
      port("ingest.websub.listenPort", ws.listenPort());
      positive("ingest.websub.leaseSeconds", ws.leaseSeconds());
    }
    require(in.maxBodyBytes() > 0, "ingest.maxBodyBytes: expected a positive number of bytes");
    positive("ingest.quoteIntervalSeconds", in.quoteIntervalSeconds());
    List<ChipwatchConfig.FeedSeed> feeds = in.feeds();
    for (int i = 0; i < feeds.size(); i++) {
      ChipwatchConfig.FeedSeed f = feeds.get(i);
      String at = "ingest.feeds[" + i + "]";
      require(f.url() != null && (f.url().startsWith("http://") || f.url().startsWith("https://")),
          at + ".url: expected an http or https URL");
      require(f.intervalSeconds() == null || f.intervalSeconds() > 0, at + ".intervalSeconds: expected a positive number");
    }

    ChipwatchConfig.Enrich e = c.enrich();
    positive("enrich.corroborationSources", e.corroborationSources());
    require(e.hysteresis() >= 0 && e.hysteresis() < 0.5, "enrich.hysteresis: expected a fraction between 0 and 0.5");
    positive("enrich.dedupRetentionDays", e.dedupRetentionDays());
    for (Map.Entry<String, List<Double>> t : e.thresholds().entrySet()) {
      for (Double v : t.getValue()) {
        require(v != null && v > 0, "enrich.thresholds." + t.getKey() + ": expected positive USD values");
      }
    }
    validateAlerts(c.alerts());
  }

  private static void validateAlerts(ChipwatchConfig.Alerts a) {
    require(a.groupWindowMillis() >= 0, "alerts.groupWindowMillis: expected 0 or more, got " + a.groupWindowMillis());
    require(a.maxDigest() >= 1 && a.maxDigest() <= 50, "alerts.maxDigest: expected 1 to 50, got " + a.maxDigest());
    ChipwatchConfig.Retry r = a.retry();
    positive("alerts.retry.initialDelayMillis", r.initialDelayMillis());
    require(r.maxDelayMillis() >= r.initialDelayMillis(), "alerts.retry.maxDelayMillis: expected at least alerts.retry.initialDelayMillis");
    positive("alerts.retry.maxAttempts", r.maxAttempts());
    positive("alerts.retry.maxElapsedMinutes", r.maxElapsedMinutes());
  }

  private static void port(String key, int value) {
    require(value >= 0 && value <= 65535, key + ": expected a port number 0-65535, got " + value);
  }

  private static void positive(String key, int value) {
    require(value > 0, key + ": expected a positive number, got " + value);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new ConfigException(message);
    }
  }
}
