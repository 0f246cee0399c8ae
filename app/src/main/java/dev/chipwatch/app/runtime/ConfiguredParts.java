package dev.chipwatch.app.runtime;

import dev.chipwatch.alerts.rules.InvalidRulesException;
import dev.chipwatch.alerts.rules.RuleFiles;
import dev.chipwatch.alerts.rules.RuleValidator;
import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.config.ConfigException;
import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.enrich.tagging.Tagger;
import dev.chipwatch.enrich.tagging.Taxonomy;
import dev.chipwatch.enrich.tagging.TriggerLexicon;
import dev.chipwatch.enrich.tagging.TriggerRuleException;
import dev.chipwatch.enrich.topology.EnrichSettings;
import dev.chipwatch.ingest.feed.FetchSettings;
import dev.chipwatch.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/** The parts that services and one-shot commands build the same way from the configuration. */
public final class ConfiguredParts {
  private ConfiguredParts() {}

  public static Taxonomy taxonomy(ChipwatchConfig config) {
    String extra = config.enrich().taxonomyFile();
    return extra == null || extra.isBlank() ? Taxonomy.load() : Taxonomy.load(Path.of(extra));
  }

  /**
   * The bundled trigger rules, changed by the operator file of enrich.rulesFile when set.
   *
   * @throws ConfigException naming the key, the file, the rule id and the problem
   */
  public static TriggerLexicon triggerLexicon(ChipwatchConfig config) {
    String file = config.enrich().rulesFile();
    if (file == null || file.isBlank()) {
      return TriggerLexicon.bundled();
    }
    try {
      return TriggerLexicon.with(Path.of(file));
    } catch (TriggerRuleException e) {
      throw new ConfigException("enrich.rulesFile: " + e.getMessage());
    }
  }

  /** The tagger of the configured taxonomy and trigger rules. */
  public static Tagger tagger(ChipwatchConfig config) {
    return new Tagger(taxonomy(config), triggerLexicon(config));
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

  /**
   * The rules of alerts.rulesFile (none when unset), validated, their receivers configured.
   *
   * @throws ConfigException naming the key and every problem; nothing is seeded then
   */
  public static List<AlertRule> ruleFile(ChipwatchConfig config) {
    String file = config.alerts().rulesFile();
    if (file == null || file.isBlank()) {
      return List.of();
    }
    try {
      List<AlertRule> rules = new RuleFiles().load(Path.of(file));
      List<String> unknown = new RuleValidator().unknownReceivers(rules, Receivers.names(config.alerts().receivers()));
      if (!unknown.isEmpty()) {
        throw new InvalidRulesException(unknown);
      }
      return rules;
    } catch (InvalidRulesException e) {
      throw new ConfigException("alerts.rulesFile " + file + ": " + String.join("; ", e.reasons()));
    } catch (java.io.IOException e) {
      throw new ConfigException("alerts.rulesFile: cannot read " + file);
    }
  }
}
