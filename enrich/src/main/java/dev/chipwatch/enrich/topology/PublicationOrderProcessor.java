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
 * Holds records and passes them on in publication order per key, once no record for that key has
 * arrived for a quiet period. The articles of one poll are spread over several partitions; without
 * the pause the newest could arrive first and make the older ones look stale to the stateful step
 * after this one. Arrival times are kept in memory only: after a restart, held records are passed
 * on at the first punctuation, still in order.
 */
final class PublicationOrderProcessor<V> implements Processor<String, V, String, V> {
  static final Duration QUIET = Duration.ofSeconds(1);
  private static final Duration CHECK_EVERY = Duration.ofMillis(200);
  private static final char SEP = '\u0000';

  private final String store;
  private final Function<V, Instant> published;
  private final Function<V, String> tieBreak;
  private ProcessorContext<String, V> context;
  private KeyValueStore<String, V> buffer;
  private final java.util.Map<String, Long> lastArrival = new java.util.HashMap<>();

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
    context.schedule(CHECK_EVERY, PunctuationType.WALL_CLOCK_TIME, this::flush);
  }

  @Override
  public void process(Record<String, V> record) {
    if (record.value() != null) {
      buffer.put(orderKey(record.key(), record.value()), record.value());
      lastArrival.put(record.key(), context.currentSystemTimeMs());
    }
  }

  /** The store's key order (key, then time, then tie-break) is the order to pass records on in. */
  String orderKey(String key, V value) {
    long millis = Math.max(0, published.apply(value).toEpochMilli());
    return key + SEP + String.format("%016d", millis) + SEP + tieBreak.apply(value);
  }

  private void flush(long now) {
    List<KeyValue<String, V>> due = new ArrayList<>();
    try (KeyValueIterator<String, V> all = buffer.all()) {
      while (all.hasNext()) {
        KeyValue<String, V> entry = all.next();
        Long arrived = lastArrival.get(keyOf(entry.key));
        if (arrived == null || now - arrived >= QUIET.toMillis()) {
          due.add(entry);
        }
      }
    }
    for (KeyValue<String, V> entry : due) {
      buffer.delete(entry.key);
      lastArrival.remove(keyOf(entry.key));
      context.forward(new Record<>(keyOf(entry.key), entry.value, now));
    }
  }

  private static String keyOf(String orderKey) {
    return orderKey.substring(0, orderKey.indexOf(SEP));
  }
}
