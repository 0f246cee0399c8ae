package dev.chipwatch.app.runtime;

import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.enrich.tagging.Taxonomy;
import dev.chipwatch.enrich.topology.EnrichSettings;
import dev.chipwatch.ingest.feed.FetchSettings;
import dev.chipwatch.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;

/** The parts that services and one-shot commands build the same way from the configuration. */
public final class ConfiguredParts {
  private ConfiguredParts() {}

  public static Taxonomy taxonomy(ChipwatchConfig config) {
    String extra = config.enrich().taxonomyFile();
    return extra == null || extra.isBlank() ? Taxonomy.load() : Taxonomy.load(Path.of(extra));
  }

  public static FetchSettings fetchSettings(ChipwatchConfig config) {
    ChipwatchConfig.Ingest in = config.ingest();
    return FetchSettings.defaults()
        .withMaxBodyBytes(in.maxBodyBytes())
        .withTotalDeadline(Duration.ofSeconds(in.fetchTimeoutSeconds()))
        .withAllowPrivateNetworks(in.allowPrivateNetworks())
        .withAllowedHosts(new HashSet<>(in.allowedHosts()));
  }

  public static EnrichSettings enrichSettings(ChipwatchConfig config) {
    ChipwatchConfig.Enrich e = config.enrich();
    return new EnrichSettings(new Topics(config.kafka().topicPrefix()), e.thresholds(), e.hysteresis(),
        e.corroborationSources(), Duration.ofDays(e.dedupRetentionDays()));
  }
}
