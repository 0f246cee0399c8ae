package dev.chipwatch.app.config;

import java.util.List;
import java.util.Map;

/** All of Chipwatch's configuration; every key and its default is in chipwatch-defaults.yaml. */
public record ChipwatchConfig(
    String dataDir, Kafka kafka, Metrics metrics, Ingest ingest, Enrich enrich, Alerts alerts) {

  public record Kafka(
      String bootstrapServers,
      String topicPrefix,
      int replicationFactor,
      String processingGuarantee,
      Map<String, String> clientProperties,
      Embedded embedded) {

    public boolean useEmbedded() {
      return bootstrapServers == null || bootstrapServers.isBlank();
    }
  }

  public record Embedded(int port, int controllerPort) {}

  public record Metrics(boolean enabled, String host, int port) {}

  /**
   * @param fetchThreads feeds fetched at once in all
   * @param perHostConcurrency feeds of one host fetched at once
   * @param maxSlowdown how many times its own interval a quiet feed may wait at most
   */
  public record Ingest(
      List<FeedSeed> feeds,
      int defaultIntervalSeconds,
      int minIntervalSeconds,
      int maxIntervalSeconds,
      int fetchTimeoutSeconds,
      long maxBodyBytes,
      boolean allowPrivateNetworks,
      List<String> allowedHosts,
      List<Map<String, Object>> quotes,
      int quoteIntervalSeconds,
      int fetchThreads,
      int perHostConcurrency,
      int maxSlowdown,
      WebSub websub) {}

  /**
   * WebSub push, on when {@code callbackUrl} is set.
   *
   * @param callbackUrl the public URL hubs reach the callback server at (through a proxy, usually)
   * @param listenHost where the callback server listens
   * @param listenPort its port
   * @param leaseSeconds the subscription lease asked of hubs
   */
  public record WebSub(String callbackUrl, String listenHost, int listenPort, int leaseSeconds) {
    public boolean enabled() {
      return callbackUrl != null && !callbackUrl.isBlank();
    }
  }

  /** A feed named in the configuration; id defaults to one derived from the URL. */
  public record FeedSeed(String id, String url, Integer intervalSeconds, Boolean official) {}

  public record Enrich(
      String taxonomyFile,
      String rulesFile,
      int corroborationSources,
      Map<String, List<Double>> thresholds,
      double hysteresis,
      int dedupRetentionDays) {}

  public record Alerts(
      boolean defaultRules,
      String rulesFile,
      Map<String, Map<String, Object>> receivers,
      int groupWindowMillis,
      int maxDigest,
      Retry retry,
      boolean cloudEventsTopic) {}

  /** How failed deliveries are retried before they go to the dlq. */
  public record Retry(int initialDelayMillis, int maxDelayMillis, int maxAttempts, int maxElapsedMinutes) {}
}
