package dev.chipwatch.enrich.topology;

import dev.chipwatch.enrich.status.ExportStatusRules;
import dev.chipwatch.enrich.tagging.PolicyAction;
import dev.chipwatch.enrich.tagging.Tags;
import dev.chipwatch.schemas.avro.Article;
import dev.chipwatch.schemas.avro.EventType;
import dev.chipwatch.schemas.avro.MarketCapMention;
import dev.chipwatch.schemas.avro.MarketQuote;
import dev.chipwatch.schemas.avro.PolicyEvent;
import dev.chipwatch.schemas.avro.StatusEvent;
import dev.chipwatch.schemas.avro.TaggedArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/** Adapts the tagger's plain results to the Avro records the topology carries. */
public final class TaggedArticles {
  private TaggedArticles() {}

  public static TaggedArticle of(Article article, Tags tags, Instant taggedAt) {
    List<PolicyEvent> events = new ArrayList<>();
    for (PolicyAction a : tags.events()) {
      events.add(PolicyEvent.newBuilder()
          .setType(EventType.valueOf(a.type().name()))
          .setItems(List.copyOf(a.items()))
          .setDestination(a.destination())
          .setEvidence(a.evidence())
          .setConfidence(a.confidence())
          .setEffective(a.effective())
          .build());
    }
    List<MarketCapMention> caps = tags.marketCaps().stream()
        .map(m -> new MarketCapMention(m.vendor(), m.usd(), m.evidence()))
        .toList();
    return TaggedArticle.newBuilder()
        .setArticle(article)
        .setVendors(List.copyOf(tags.vendors()))
        .setChips(List.copyOf(tags.chips()))
        .setCountries(List.copyOf(tags.countries()))
        .setEvents(events)
        .setMarketCaps(caps)
        .setTaggedAt(taggedAt)
        .build();
  }

  /** When a status event takes effect: the date its article gave it, else the article's publication time. */
  static Instant effectiveTime(StatusEvent e) {
    return e.getEffective() != null ? e.getEffective() : e.getPublished();
  }

  /** One status event per (item, destination) pair that an export event names. */
  static List<KeyValue<String, StatusEvent>> statusEvents(TaggedArticle tagged) {
    Article a = tagged.getArticle();
    List<KeyValue<String, StatusEvent>> out = new ArrayList<>();
    for (PolicyEvent e : tagged.getEvents()) {
      var status = ExportStatusRules.impliedStatus(
          dev.chipwatch.enrich.tagging.EventKind.valueOf(e.getType().name()));
      if (e.getType() == EventType.OTHER || status.isEmpty()) {
        continue;
      }
      for (String item : e.getItems()) {
        StatusEvent se = StatusEvent.newBuilder()
            .setItem(item)
            .setDestination(e.getDestination())
            .setStatus(status.get())
            .setEventType(e.getType())
            .setPublished(a.getPublished())
            .setArticleId(a.getId())
            .setLink(a.getLink())
            .setTitle(a.getTitle())
            .setEvidence(e.getEvidence())
            .setFeedId(a.getFeedId())
            .setOfficial(a.getOfficial())
            .setFirstSeenAt(a.getFetchedAt())
            .setEffective(e.getEffective())
            .build();
        out.add(KeyValue.pair(pairKey(item, e.getDestination()), se));
      }
    }
    return out;
  }

  /** Market values stated in the article, as lower-trust quotes keyed by vendor. */
  static List<KeyValue<String, MarketQuote>> marketMentions(TaggedArticle tagged) {
    Article a = tagged.getArticle();
    return tagged.getMarketCaps().stream()
        .map(m -> KeyValue.pair(m.getVendor(), MarketQuote.newBuilder()
            .setVendor(m.getVendor())
            .setTicker("")
            .setMarketCapUsd(m.getUsd())
            .setAt(a.getPublished())
            .setSource(a.getLink() != null ? a.getLink() : "article:" + a.getId())
            .setFromArticle(true)
            .build()))
        .toList();
  }

  public static String pairKey(String item, String destination) {
    return item + "|" + destination;
  }
}
