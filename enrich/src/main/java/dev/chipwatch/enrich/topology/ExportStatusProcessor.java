package dev.chipwatch.enrich.topology;

import dev.chipwatch.enrich.status.Corroboration;
import dev.chipwatch.enrich.status.ExportStatusRules;
import dev.chipwatch.enrich.status.StatusProposal;
import dev.chipwatch.schemas.avro.ExportStatus;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import dev.chipwatch.schemas.avro.PendingStatus;
import dev.chipwatch.schemas.avro.StatusEvent;
import io.micrometer.core.instrument.Counter;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Applies status events to the (item, destination) table and forwards each real change. */
final class ExportStatusProcessor implements Processor<String, StatusEvent, String, ExportStatusChange> {
  static final String STATUS_STORE = "export-status-store";
  static final String PENDING_STORE = "export-status-pending";

  private final Corroboration corroboration;
  private final Counter stale;
  private ProcessorContext<String, ExportStatusChange> context;
  private KeyValueStore<String, ExportStatus> statuses;
  private KeyValueStore<String, PendingStatus> pending;

  ExportStatusProcessor(Corroboration corroboration, Counter stale) {
    this.corroboration = corroboration;
    this.stale = stale;
  }

  @Override
  public void init(ProcessorContext<String, ExportStatusChange> context) {
    this.context = context;
    this.statuses = context.getStateStore(STATUS_STORE);
    this.pending = context.getStateStore(PENDING_STORE);
  }

  @Override
  public void process(Record<String, StatusEvent> record) {
    StatusEvent e = record.value();
    if (e == null) {
      return;
    }
    String key = record.key();
    ExportStatus current = statuses.get(key);
    StatusProposal proposal = new StatusProposal(e.getStatus(), e.getPublished(), e.getLink(), e.getFeedId(), e.getOfficial());
    ExportStatusRules.Outcome outcome = current == null
        ? ExportStatusRules.decide(null, null, null, proposal)
        : ExportStatusRules.decide(current.getStatus(), current.getSince(), current.getLink(), proposal);
    switch (outcome) {
      case STALE -> stale.increment();
      case SAME -> pending.delete(key);
      case CHANGE -> changeIfCorroborated(key, current, e, proposal, record.timestamp());
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
    statuses.put(key, ExportStatus.newBuilder()
        .setItem(e.getItem())
        .setDestination(e.getDestination())
        .setStatus(e.getStatus())
        .setSince(e.getPublished())
        .setArticleId(e.getArticleId())
        .setLink(e.getLink())
        .setEvidence(e.getEvidence())
        .build());
    ExportStatusChange change = ExportStatusChange.newBuilder()
        .setItem(e.getItem())
        .setDestination(e.getDestination())
        .setFrom(current == null ? ExportStatusValue.UNKNOWN : current.getStatus())
        .setTo(e.getStatus())
        .setAt(e.getPublished())
        .setEventType(e.getEventType())
        .setArticleIds(List.of(e.getArticleId()))
        .setLinks(e.getLink() == null ? List.of() : List.of(e.getLink()))
        .setTitles(List.of(e.getTitle()))
        .setEvidence(e.getEvidence())
        .setFirstSeenAt(e.getFirstSeenAt())
        .build();
    context.forward(new Record<>(key, change, ts));
  }
}
