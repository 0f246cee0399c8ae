package dev.chipwatch.enrich.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Holds records for a moment and passes them on in publication order per key. The articles of one
 * poll are spread over several partitions; without the pause the newest could arrive first and
 * make the older ones look stale to the stateful step after this one.
 */
final class PublicationOrderProcessor<V> implements Processor<String, V, String, V> {
  static final Duration WINDOW = Duration.ofMillis(500);
  private static final char SEP = '\u0000';

  private final String store;
  private final Function<V, Instant> published;
  private final Function<V, String> tieBreak;
  private ProcessorContext<String, V> context;
  private KeyValueStore<String, V> buffer;

  /** @param tieBreak orders records published at the same instant (the link, per the contract) */
  PublicationOrderProcessor(String store, Function<V, Instant> published, Function<V, String> tieBreak) {
    this.store = store;
    this.published = published;
    this.tieBreak = tieBreak;
  }

  @Override
  public void init(ProcessorContext<String, V> context) {
    this.context = context;
    this.buffer = context.getStateStore(store);
    context.schedule(WINDOW, PunctuationType.WALL_CLOCK_TIME, now -> flush());
  }

  @Override
  public void process(Record<String, V> record) {
    if (record.value() != null) {
      buffer.put(orderKey(record.key(), record.value()), record.value());
    }
  }

  /** The store's key order (key, then time, then tie-break) is the order to pass records on in. */
  String orderKey(String key, V value) {
    long millis = Math.max(0, published.apply(value).toEpochMilli());
    return key + SEP + String.format("%016d", millis) + SEP + tieBreak.apply(value);
  }

  private void flush() {
    List<KeyValue<String, V>> due = new ArrayList<>();
    try (KeyValueIterator<String, V> all = buffer.all()) {
      all.forEachRemaining(due::add);
    }
    long now = context.currentSystemTimeMs();
    for (KeyValue<String, V> entry : due) {
      buffer.delete(entry.key);
      context.forward(new Record<>(entry.key.substring(0, entry.key.indexOf(SEP)), entry.value, now));
    }
  }
}
