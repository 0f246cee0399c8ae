package dev.chipwatch.app.cli;

import dev.chipwatch.alerts.rules.InvalidRulesException;
import dev.chipwatch.alerts.rules.RuleValidator;
import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.runtime.CompactedTopic;
import dev.chipwatch.app.runtime.Receivers;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.AlertRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The alert-rules topic as the rules commands see it: validated writes, whole reads. */
final class RuleTable {
  private final CompactedTopic<AlertRule> topic;
  private final Set<String> receivers;
  private final RuleValidator validator = new RuleValidator();

  RuleTable(ChipwatchConfig config) {
    this.topic = new CompactedTopic<>(ClusterConnection.of(config), new Topics(config.kafka().topicPrefix()),
        Topic.ALERT_RULES, AlertRule.class);
    this.receivers = Receivers.names(config.alerts().receivers());
  }

  Map<String, AlertRule> current() {
    return topic.readAll();
  }

  /** Checks the rules (fields, duplicates, configured receivers) and writes them all in one transaction. */
  void put(Collection<AlertRule> rules) throws InvalidRulesException {
    check(rules);
    Map<String, AlertRule> changes = new LinkedHashMap<>();
    rules.forEach(r -> changes.put(r.getId(), r));
    topic.write(changes);
  }

  void check(Collection<AlertRule> rules) throws InvalidRulesException {
    List<String> problems = new ArrayList<>(validator.problems(rules));
    problems.addAll(validator.unknownReceivers(rules, receivers));
    if (!problems.isEmpty()) {
      throw new InvalidRulesException(problems);
    }
  }

  void remove(Collection<String> ids) {
    Map<String, AlertRule> tombstones = new LinkedHashMap<>();
    ids.forEach(id -> tombstones.put(id, null));
    topic.write(tombstones);
  }
}
