package dev.chipwatch.alerts.rules;

import dev.chipwatch.schemas.avro.Alert;
import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.Article;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import dev.chipwatch.schemas.avro.PolicyEvent;
import dev.chipwatch.schemas.avro.RuleKind;
import dev.chipwatch.schemas.avro.TaggedArticle;
import dev.chipwatch.schemas.avro.ThresholdCrossing;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which alerts a change raises, given the current rules. Plain Java: the Kafka topology
 * calls it with the rules it holds in its table; it has no state of its own, so the same input
 * always yields the same alerts with the same ids (only {@code raisedAt} follows the clock).
 *
 * <p>In every rule an empty list matches anything; a non-empty list matches when any of its
 * entries does. Lists of different fields must all match.
 */
public final class RuleEvaluator {

  private static final String ANY = "*";

  private final Function<String, List<String>> ancestors;
  private final Clock clock;
  private final MentionMatcher mentions = new MentionMatcher();

  /**
   * @param ancestors an item id's family and vendor ids (nvidia-b200 → [nvidia-blackwell,
   *     nvidia]), nearest first, vendor last; an empty list (or null) for unknown ids
   * @param clock stamps {@code raisedAt}
   */
  public RuleEvaluator(Function<String, List<String>> ancestors, Clock clock) {
    this.ancestors = Objects.requireNonNull(ancestors, "ancestors");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Alerts of the EXPORT_STATUS rules matching one status change. */
  public List<Alert> onStatusChange(Collection<AlertRule> rules, ExportStatusChange change) {
    Set<String> lineage = lineage(change.getItem());
    List<Alert> alerts = new ArrayList<>();
    for (AlertRule rule : rules) {
      if (rule.getKind() == RuleKind.EXPORT_STATUS
          && matchesItems(rule.getItems(), lineage)
          && matchesDestination(rule.getDestinations(), change.getDestination())
          && (rule.getStatuses().isEmpty() || rule.getStatuses().contains(change.getTo()))) {
        alerts.add(statusChangeAlert(rule, change));
      }
    }
    return alerts;
  }

  /** Alerts of the MARKET_CAP rules matching one threshold crossing. */
  public List<Alert> onCrossing(Collection<AlertRule> rules, ThresholdCrossing crossing) {
    List<Alert> alerts = new ArrayList<>();
    for (AlertRule rule : rules) {
      if (rule.getKind() == RuleKind.MARKET_CAP
          && (rule.getVendors().isEmpty() || rule.getVendors().contains(crossing.getVendor()))
          && matchesThreshold(rule.getThresholdsUsd(), crossing.getThresholdUsd())
          && (rule.getDirection() == null || rule.getDirection() == crossing.getDirection())) {
        alerts.add(crossingAlert(rule, crossing));
      }
    }
    return alerts;
  }

  /** Alerts of the POLICY_EVENT rules (one per matching event) and MENTION rules. */
  public List<Alert> onArticle(Collection<AlertRule> rules, TaggedArticle article) {
    List<PolicyEvent> events = article.getEvents();
    List<Set<String>> eventLineages = events.stream().map(e -> lineage(e.getItems())).toList();
    Set<String> mentionedLineage = null;
    List<Alert> alerts = new ArrayList<>();
    for (AlertRule rule : rules) {
      if (rule.getKind() == RuleKind.POLICY_EVENT) {
        for (int i = 0; i < events.size(); i++) {
          PolicyEvent event = events.get(i);
          if (matchesEvent(rule, event, eventLineages.get(i))) {
            alerts.add(policyEventAlert(rule, article, event, i));
          }
        }
      } else if (rule.getKind() == RuleKind.MENTION) {
        if (mentionedLineage == null) {
          mentionedLineage = lineage(article.getChips());
        }
        MentionMatcher.Match match = mentions.match(rule, article, mentionedLineage);
        if (match != null) {
          alerts.add(mentionAlert(rule, article, match));
        }
      }
    }
    return alerts;
  }

  // ---- matching

  private boolean matchesEvent(AlertRule rule, PolicyEvent event, Set<String> eventLineage) {
    return (rule.getEventTypes().isEmpty() || rule.getEventTypes().contains(event.getType()))
        && matchesItems(rule.getItems(), eventLineage)
        && matchesDestination(rule.getDestinations(), event.getDestination())
        && event.getConfidence() >= rule.getMinConfidence();
  }

  private static boolean matchesItems(List<String> ruleItems, Set<String> lineage) {
    if (ruleItems.isEmpty()) {
      return true;
    }
    for (String item : ruleItems) {
      if (ANY.equals(item) || lineage.contains(item)) {
        return true;
      }
    }
    return false;
  }

  /** An action towards "*" (everywhere) concerns every destination a rule may name. */
  private static boolean matchesDestination(List<String> ruleDestinations, String destination) {
    if (ruleDestinations.isEmpty() || ANY.equals(destination)) {
      return true;
    }
    for (String wanted : ruleDestinations) {
      if (ANY.equals(wanted) || wanted.equalsIgnoreCase(destination)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesThreshold(List<Double> thresholds, double crossed) {
    if (thresholds.isEmpty()) {
      return true;
    }
    for (double threshold : thresholds) {
      if (Math.abs(threshold - crossed) <= 1e-9 * Math.max(Math.abs(threshold), 1.0)) {
        return true;
      }
    }
    return false;
  }

  /** The items themselves plus all their families and vendors. */
  private Set<String> lineage(Collection<String> items) {
    Set<String> lineage = new LinkedHashSet<>();
    for (String item : items) {
      lineage.addAll(lineage(item));
    }
    return lineage;
  }

  private Set<String> lineage(String item) {
    Set<String> lineage = new LinkedHashSet<>();
    lineage.add(item);
    List<String> up = ancestors.apply(item);
    if (up != null) {
      lineage.addAll(up);
    }
    return lineage;
  }

  /** The vendor of an item: the last ancestor, or the item itself when it has none. */
  private String vendorOf(String item) {
    List<String> up = ancestors.apply(item);
    return up == null || up.isEmpty() ? item : up.get(up.size() - 1);
  }

  // ---- alerts

  private Alert statusChangeAlert(AlertRule rule, ExportStatusChange change) {
    String item = DisplayNames.item(change.getItem());
    String destination = DisplayNames.country(change.getDestination());
    String from = change.getFrom().name();
    String to = change.getTo().name();
    String key = change.getItem() + "|" + change.getDestination();
    String transition = from + "->" + to + "@" + change.getAt().toEpochMilli();

    StringBuilder text = new StringBuilder()
        .append("Export status of ").append(item).append(" to ").append(destination)
        .append(" changed from ").append(from).append(" to ").append(to)
        .append(" (").append(AlertTexts.eventType(change.getEventType()).toLowerCase(Locale.ROOT))
        .append(") on ").append(AlertTexts.when(change.getAt())).append('.');
    List<String> evidence = nonBlank(List.of(change.getEvidence()));
    AlertTexts.appendEvidence(text, evidence);
    AlertTexts.appendSources(text, change.getLinks(), change.getTitles());

    Map<String, String> labels = labels(rule);
    labels.put("item", change.getItem());
    labels.put("destination", change.getDestination());
    labels.put("vendor", vendorOf(change.getItem()));
    labels.put("from", from);
    labels.put("to", to);
    labels.put("event_type", change.getEventType().name());

    Instant firstSeen = change.getFirstSeenAt() != null ? change.getFirstSeenAt() : change.getAt();
    return base(rule, AlertIds.of(rule.getId(), key, transition))
        .setTitle(item + " → " + destination + ": " + from + " → " + to)
        .setText(text.toString())
        .setSubject(key)
        .setPreviousState(from)
        .setNewState(to)
        .setLabels(labels)
        .setEvidence(evidence)
        .setLinks(new ArrayList<>(change.getLinks()))
        .setOccurredAt(change.getAt())
        .setFirstSeenAt(firstSeen)
        .build();
  }

  private Alert crossingAlert(AlertRule rule, ThresholdCrossing crossing) {
    String vendor = DisplayNames.item(crossing.getVendor());
    double threshold = crossing.getThresholdUsd();
    String thresholdText = DisplayNames.usd(threshold);
    String now = DisplayNames.usdDistinctFrom(crossing.getUsd(), threshold);
    String before = DisplayNames.usdDistinctFrom(crossing.getPreviousUsd(), threshold);
    boolean up = crossing.getDirection() == dev.chipwatch.schemas.avro.Direction.UP;
    String transition = AlertIds.canonicalNumber(threshold) + ":" + crossing.getDirection()
        + "@" + crossing.getAt().toEpochMilli();

    String text = vendor + "'s market value " + (up ? "rose" : "fell") + " from " + before
        + " to " + now + ", crossing " + thresholdText + (up ? " upward" : " downward")
        + ", at " + AlertTexts.when(crossing.getAt())
        + (crossing.getSource().isBlank() ? "" : " (source: " + crossing.getSource() + ")") + ".";
    List<String> links = isLink(crossing.getSource()) ? List.of(crossing.getSource()) : List.of();

    Map<String, String> labels = labels(rule);
    labels.put("vendor", crossing.getVendor());
    labels.put("direction", crossing.getDirection().name());
    labels.put("threshold", thresholdText);

    return base(rule, AlertIds.of(rule.getId(), crossing.getVendor(), transition))
        .setTitle(vendor + " market cap crossed " + thresholdText + (up ? " upward" : " downward")
            + " (" + now + ")")
        .setText(text)
        .setSubject(crossing.getVendor())
        .setPreviousState(before)
        .setNewState(now)
        .setLabels(labels)
        .setEvidence(new ArrayList<>())
        .setLinks(new ArrayList<>(links))
        .setOccurredAt(crossing.getAt())
        .setFirstSeenAt(crossing.getAt())
        .build();
  }

  private Alert policyEventAlert(AlertRule rule, TaggedArticle tagged, PolicyEvent event, int index) {
    Article article = tagged.getArticle();
    String what = AlertTexts.eventType(event.getType());
    String items = AlertTexts.itemList(event.getItems());
    String destination = DisplayNames.country(event.getDestination());
    String title = what + ": " + (items.isEmpty() ? "" : items + " → ") + destination;

    StringBuilder text = new StringBuilder()
        .append(what).append(" reported for ")
        .append(items.isEmpty() ? "unnamed items" : items).append(" to ").append(destination)
        .append(", published ").append(AlertTexts.when(article.getPublished()))
        .append(" (confidence ").append(String.format(Locale.ROOT, "%.2f", event.getConfidence()))
        .append(").");
    List<String> evidence = nonBlank(List.of(event.getEvidence()));
    AlertTexts.appendEvidence(text, evidence);
    List<String> links = linksOf(article);
    AlertTexts.appendSources(text, links, List.of(article.getTitle()));

    Map<String, String> labels = labels(rule);
    labels.put("event_type", event.getType().name());
    labels.put("destination", event.getDestination());
    if (!event.getItems().isEmpty()) {
      labels.put("item", String.join(",", event.getItems()));
      labels.put("vendor", String.join(",",
          event.getItems().stream().map(this::vendorOf).distinct().toList()));
    }

    return base(rule, AlertIds.of(rule.getId(), article.getId(), "event#" + index))
        .setTitle(title)
        .setText(text.toString())
        .setSubject(String.join(",", event.getItems()) + "|" + event.getDestination())
        .setPreviousState(null)
        .setNewState(event.getType().name())
        .setLabels(labels)
        .setEvidence(evidence)
        .setLinks(links)
        .setOccurredAt(article.getPublished())
        .setFirstSeenAt(firstSeen(article))
        .build();
  }

  private Alert mentionAlert(AlertRule rule, TaggedArticle tagged, MentionMatcher.Match match) {
    Article article = tagged.getArticle();
    List<String> names = new ArrayList<>();
    match.vendors().forEach(v -> names.add(DisplayNames.item(v)));
    match.items().forEach(i -> names.add(DisplayNames.item(i)));
    match.keywords().forEach(k -> names.add("“" + k + "”"));
    String articleTitle = AlertTexts.shorten(article.getTitle(), 120);

    StringBuilder text = new StringBuilder()
        .append("Mentioned: ").append(String.join(", ", names))
        .append(" in “").append(articleTitle).append("”, published ")
        .append(AlertTexts.when(article.getPublished())).append('.');
    String summary = AlertTexts.shorten(article.getSummary(), 500);
    if (!summary.isEmpty()) {
      text.append("\n\n").append(summary);
    }
    AlertTexts.appendEvidence(text, match.evidence());
    List<String> links = linksOf(article);
    AlertTexts.appendSources(text, links, List.of(article.getTitle()));

    Map<String, String> labels = labels(rule);
    if (!match.vendors().isEmpty()) {
      labels.put("vendor", String.join(",", match.vendors()));
    }
    if (!match.items().isEmpty()) {
      labels.put("item", String.join(",", match.items()));
    }

    return base(rule, AlertIds.of(rule.getId(), article.getId(), "mention"))
        .setTitle("Mentioned: " + String.join(", ", names) + " — “" + articleTitle + "”")
        .setText(text.toString())
        .setSubject(article.getId())
        .setPreviousState(null)
        .setNewState(null)
        .setLabels(labels)
        .setEvidence(new ArrayList<>(match.evidence()))
        .setLinks(links)
        .setOccurredAt(article.getPublished())
        .setFirstSeenAt(firstSeen(article))
        .build();
  }

  private Alert.Builder base(AlertRule rule, String id) {
    return Alert.newBuilder()
        .setId(id)
        .setRuleId(rule.getId())
        .setRuleKind(rule.getKind())
        .setSeverity(rule.getSeverity())
        .setReceivers(new ArrayList<>(rule.getReceivers()))
        .setRaisedAt(clock.instant());
  }

  /** Label keys are a fixed, small set (kind, rule, severity + per-kind keys) for metrics and silences. */
  private static Map<String, String> labels(AlertRule rule) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kind", rule.getKind().name());
    labels.put("rule", rule.getId());
    labels.put("severity", rule.getSeverity().name());
    return labels;
  }

  private static Instant firstSeen(Article article) {
    return article.getFetchedAt() != null ? article.getFetchedAt() : article.getPublished();
  }

  private static List<String> linksOf(Article article) {
    List<String> links = new ArrayList<>();
    if (article.getLink() != null && !article.getLink().isBlank()) {
      links.add(article.getLink());
    }
    return links;
  }

  private static List<String> nonBlank(List<String> texts) {
    List<String> kept = new ArrayList<>();
    for (String text : texts) {
      if (text != null && !text.isBlank()) {
        kept.add(AlertTexts.shorten(text, AlertTexts.MAX_QUOTED_CHARS));
      }
    }
    return kept;
  }

  private static boolean isLink(String source) {
    return source.startsWith("https://") || source.startsWith("http://");
  }
}
