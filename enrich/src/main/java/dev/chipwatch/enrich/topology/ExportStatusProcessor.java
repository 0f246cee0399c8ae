package dev.chipwatch.enrich.topology;

import dev.chipwatch.enrich.status.Corroboration;
import dev.chipwatch.enrich.status.ExportStatusRules;
import dev.chipwatch.enrich.status.StatusProposal;
import dev.chipwatch.schemas.avro.ExportStatus;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import dev.chipwatch.schemas.avro.PendingStatus;
import dev.chipwatch.schemas.avro.ScheduledStatus;
import dev.chipwatch.schemas.avro.StatusEvent;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies status events to the (item, destination) table in the order they take effect, and
 * forwards each new row with the change it made. An event dated after now (a rule that "takes
 * effect on 15 May") is held in the scheduled store, shown on the pair's row, and applied when its
 * time comes (wall-clock punctuation).
 */
final class ExportStatusProcessor implements Processor<String, StatusEvent, String, StatusUpdate> {
  static final String STATUS_STORE = "export-status-store";
  static final String PENDING_STORE = "export-status-pending";
  static final String SCHEDULED_STORE = "export-status-scheduled";
  private static final Duration CHECK_SCHEDULED_EVERY = Duration.ofSeconds(1);
  private static final char SEP = '\u0000';

  private final Corroboration corroboration;
  private final Counter stale;
  private ProcessorContext<String, StatusUpdate> context;
  private KeyValueStore<String, ExportStatus> statuses;
  private KeyValueStore<String, PendingStatus> pending;
  private KeyValueStore<String, StatusEvent> scheduled;

  ExportStatusProcessor(Corroboration corroboration, Counter stale) {
    this.corroboration = corroboration;
    this.stale = stale;
  }

  @Override
  public void init(ProcessorContext<String, StatusUpdate> context) {
    this.context = context;
    this.statuses = context.getStateStore(STATUS_STORE);
    this.pending = context.getStateStore(PENDING_STORE);
    this.scheduled = context.getStateStore(SCHEDULED_STORE);
    context.schedule(CHECK_SCHEDULED_EVERY, PunctuationType.WALL_CLOCK_TIME, this::applyDue);
  }

  @Override
  public void process(Record<String, StatusEvent> record) {
    StatusEvent e = record.value();
    if (e == null) {
      return;
    }
    StatusProposal proposal = proposal(e);
    if (ExportStatusRules.isScheduled(proposal, Instant.ofEpochMilli(context.currentSystemTimeMs()))) {
      scheduled.put(scheduleKey(record.key(), proposal), e);
      showScheduled(record.key(), e, record.timestamp());
      return;
    }
    apply(record.key(), e, proposal, record.timestamp());
  }

  private static StatusProposal proposal(StatusEvent e) {
    return new StatusProposal(e.getStatus(), TaggedArticles.effectiveTime(e), e.getLink(), e.getFeedId(), e.getOfficial());
  }

  private void apply(String key, StatusEvent e, StatusProposal proposal, long ts) {
    ExportStatus current = statuses.get(key);
    ExportStatusRules.Outcome outcome = current == null
        ? ExportStatusRules.decide(null, null, null, proposal)
        : ExportStatusRules.decide(current.getStatus(), current.getSince(), current.getLink(), proposal);
    switch (outcome) {
      case STALE -> stale.increment();
      case SAME -> pending.delete(key);
      case CHANGE -> changeIfCorroborated(key, current, e, proposal, ts);
      default -> throw new IllegalStateException("unhandled outcome " + outcome);
    }
  }

  private void changeIfCorroborated(String key, ExportStatus current, StatusEvent e, StatusProposal proposal, long ts) {
    PendingStatus waiting = pending.get(key);
    Set<String> witnesses = corroboration.witnesses(
        waiting == null ? null : waiting.getStatus(), waiting == null ? Set.of() : Set.copyOf(waiting.getSources()), proposal);
    if (!corroboration.suffices(witnesses, proposal)) {
      pending.put(key, new PendingStatus(e.getStatus(), List.copyOf(witnesses)));
      return;
    }
    pending.delete(key);
    ExportStatus row = ExportStatus.newBuilder()
        .setItem(e.getItem())
        .setDestination(e.getDestination())
        .setStatus(e.getStatus())
        .setSince(proposal.effective())
        .setArticleId(e.getArticleId())
        .setLink(e.getLink())
        .setEvidence(e.getEvidence())
        .setScheduled(nextScheduled(key))
        .build();
    statuses.put(key, row);
    ExportStatusChange change = ExportStatusChange.newBuilder()
        .setItem(e.getItem())
        .setDestination(e.getDestination())
        .setFrom(current == null ? ExportStatusValue.UNKNOWN : current.getStatus())
        .setTo(e.getStatus())
        .setAt(proposal.effective())
        .setEventType(e.getEventType())
        .setArticleIds(List.of(e.getArticleId()))
        .setLinks(e.getLink() == null ? List.of() : List.of(e.getLink()))
        .setTitles(List.of(e.getTitle()))
        .setEvidence(e.getEvidence())
        .setFirstSeenAt(e.getFirstSeenAt())
        .build();
    context.forward(new Record<>(key, new StatusUpdate(row, change), ts));
  }

  /** The pair's row, now showing its next scheduled status; a pair never seen shows UNKNOWN until then. */
  private void showScheduled(String key, StatusEvent e, long ts) {
    ExportStatus current = statuses.get(key);
    ExportStatus row = current != null
        ? ExportStatus.newBuilder(current).setScheduled(nextScheduled(key)).build()
        : ExportStatus.newBuilder()
            .setItem(e.getItem())
            .setDestination(e.getDestination())
            .setStatus(ExportStatusValue.UNKNOWN)
            .setSince(Instant.EPOCH) // never newer than a status inherited from a family or vendor
            .setArticleId("")
            .setScheduled(nextScheduled(key))
            .build();
    statuses.put(key, row);
    context.forward(new Record<>(key, new StatusUpdate(row, null), ts));
  }

  /** Scheduled events whose time has come, applied in the order they take effect. */
  private void applyDue(long now) {
    List<KeyValue<String, StatusEvent>> due = new ArrayList<>();
    try (KeyValueIterator<String, StatusEvent> all = scheduled.all()) {
      while (all.hasNext()) {
        KeyValue<String, StatusEvent> entry = all.next();
        if (!TaggedArticles.effectiveTime(entry.value).isAfter(Instant.ofEpochMilli(now))) {
          due.add(entry);
        }
      }
    }
    due.sort((a, b) -> TaggedArticles.effectiveTime(a.value).compareTo(TaggedArticles.effectiveTime(b.value)));
    for (KeyValue<String, StatusEvent> entry : due) {
      scheduled.delete(entry.key);
      String key = entry.key.substring(0, entry.key.indexOf(SEP));
      apply(key, entry.value, proposal(entry.value), now);
      refreshScheduled(key, now);
    }
  }

  /** After a scheduled event was applied, stale or the same, its row must stop showing it. */
  private void refreshScheduled(String key, long ts) {
    ExportStatus row = statuses.get(key);
    ScheduledStatus next = nextScheduled(key);
    if (row != null && !java.util.Objects.equals(row.getScheduled(), next)) {
      ExportStatus updated = ExportStatus.newBuilder(row).setScheduled(next).build();
      statuses.put(key, updated);
      context.forward(new Record<>(key, new StatusUpdate(updated, null), ts));
    }
  }

  private ScheduledStatus nextScheduled(String key) {
    try (KeyValueIterator<String, StatusEvent> held = scheduled.prefixScan(key + SEP, new StringSerializer())) {
      if (!held.hasNext()) {
        return null;
      }
      StatusEvent first = held.next().value; // keys sort by effective time
      return new ScheduledStatus(first.getStatus(), TaggedArticles.effectiveTime(first), first.getLink());
    }
  }

  private static String scheduleKey(String key, StatusProposal p) {
    return key + SEP + String.format("%016d", p.effective().toEpochMilli()) + SEP + (p.link() == null ? "" : p.link());
  }
}
