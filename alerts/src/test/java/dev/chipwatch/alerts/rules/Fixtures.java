package dev.chipwatch.alerts.rules;

import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.Article;
import dev.chipwatch.schemas.avro.Direction;
import dev.chipwatch.schemas.avro.EventType;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import dev.chipwatch.schemas.avro.PolicyEvent;
import dev.chipwatch.schemas.avro.RuleKind;
import dev.chipwatch.schemas.avro.TaggedArticle;
import dev.chipwatch.schemas.avro.ThresholdCrossing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Test records shaped like what enrich emits. */
final class Fixtures {

  static final Instant JULY_15 = Instant.parse("2025-07-15T08:00:00Z");
  static final Instant SEEN = Instant.parse("2025-07-15T08:00:03Z");

  static final Map<String, List<String>> TAXONOMY = Map.of(
      "nvidia-b200", List.of("nvidia-blackwell", "nvidia"),
      "nvidia-h20", List.of("nvidia-hopper", "nvidia"),
      "nvidia-blackwell", List.of("nvidia"),
      "amd-mi308", List.of("amd"));

  static final Function<String, List<String>> ANCESTORS = id -> TAXONOMY.getOrDefault(id, List.of());

  private Fixtures() {}

  static AlertRule.Builder rule(String id, RuleKind kind) {
    return AlertRule.newBuilder().setId(id).setKind(kind).setReceivers(new ArrayList<>(List.of("console")));
  }

  static ExportStatusChange change(String item, String destination, ExportStatusValue from,
      ExportStatusValue to, Instant at) {
    return ExportStatusChange.newBuilder()
        .setItem(item).setDestination(destination).setFrom(from).setTo(to).setAt(at)
        .setEventType(to == ExportStatusValue.ALLOWED ? EventType.EXPORT_ALLOWED : EventType.EXPORT_BAN)
        .setArticleIds(new ArrayList<>(List.of("a1")))
        .setLinks(new ArrayList<>(List.of("https://news.example/h20")))
        .setTitles(new ArrayList<>(List.of("US to allow H20 sales to China")))
        .setEvidence("The US will allow Nvidia to sell its H20 chips to China.")
        .setFirstSeenAt(SEEN)
        .build();
  }

  static ExportStatusChange h20Allowed() {
    return change("nvidia-h20", "CN", ExportStatusValue.BANNED, ExportStatusValue.ALLOWED, JULY_15);
  }

  static ThresholdCrossing crossing(String vendor, double threshold, Direction direction,
      double previous, double usd) {
    return ThresholdCrossing.newBuilder()
        .setVendor(vendor).setThresholdUsd(threshold).setDirection(direction)
        .setPreviousUsd(previous).setUsd(usd).setAt(JULY_15).setSource("fmp").build();
  }

  static PolicyEvent event(EventType type, List<String> items, String destination, double confidence) {
    return PolicyEvent.newBuilder().setType(type).setItems(new ArrayList<>(items))
        .setDestination(destination).setEvidence("Evidence for " + type + ".")
        .setConfidence(confidence).build();
  }

  static TaggedArticle article(String title, String content, List<String> vendors,
      List<String> chips, List<PolicyEvent> events) {
    Article article = Article.newBuilder()
        .setId("article-1").setFeedId("feed-1").setLink("https://news.example/story")
        .setTitle(title).setSummary("").setContent(content)
        .setPublished(JULY_15).setFetchedAt(SEEN).build();
    return TaggedArticle.newBuilder()
        .setArticle(article)
        .setVendors(new ArrayList<>(vendors)).setChips(new ArrayList<>(chips))
        .setCountries(new ArrayList<>()).setEvents(new ArrayList<>(events))
        .setMarketCaps(new ArrayList<>()).setTaggedAt(SEEN).build();
  }
}
