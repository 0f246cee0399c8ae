package dev.chipwatch.enrich.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Holds records and passes them on in publication order per key, once no record for that key has
 * arrived for a quiet period, or once the oldest held record of a key that never goes quiet (a story
 * syndicated by many feeds, a backlog) has waited {@link #MAX_HOLD}. The articles of one poll are
 * spread over several partitions; without the pause the newest could arrive first and make the older
 * ones look stale to the stateful step after this one. Arrival times are kept in memory only: after a
 * restart, held records are passed on at the first punctuation, still in order.
 */
final class PublicationOrderProcessor<V> implements Processor<String, V, String, V> {
  static final Duration QUIET = Duration.ofSeconds(1);
  static final Duration MAX_HOLD = Duration.ofSeconds(5);
  private static final Duration CHECK_EVERY = Duration.ofMillis(200);
  private static final char SEP = '\u0000';

  private final String store;
  private final Function<V, Instant> published;
  private final Function<V, String> tieBreak;
  private ProcessorContext<String, V> context;
  private KeyValueStore<String, V> buffer;
  /** Per key with held records: when the first of them and when the last arrived. */
  private final Map<String, long[]> arrivals = new HashMap<>();
  private boolean restoredPassedOn;

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
      long now = context.currentSystemTimeMs();
      arrivals.computeIfAbsent(record.key(), k -> new long[] {now, now})[1] = now;
    }
  }

  /** The store's key order (key, then time, then tie-break) is the order to pass records on in. */
  String orderKey(String key, V value) {
    long millis = Math.max(0, published.apply(value).toEpochMilli());
    return key + SEP + String.format("%016d", millis) + SEP + tieBreak.apply(value);
  }

  private void flush(long now) {
    if (!restoredPassedOn) {
      passOnRestored(now);
      restoredPassedOn = true;
    }
    // only the keys that are due are read from the store, so a full buffer costs nothing until then
    List<String> due = new ArrayList<>();
    for (Map.Entry<String, long[]> e : arrivals.entrySet()) {
      if (isDue(e.getValue(), now)) {
        due.add(e.getKey());
      }
    }
    due.sort(null);
    StringSerializer prefixes = new StringSerializer();
    for (String key : due) {
      List<KeyValue<String, V>> held = new ArrayList<>();
      try (KeyValueIterator<String, V> records = buffer.prefixScan(key + SEP, prefixes)) {
        records.forEachRemaining(held::add);
      }
      arrivals.remove(key);
      passOn(held, now);
    }
  }

  private static boolean isDue(long[] arrival, long now) {
    return now - arrival[1] >= QUIET.toMillis() || now - arrival[0] >= MAX_HOLD.toMillis();
  }

  /** Records held before a restart (no arrival time in memory) go on now; those of keys still arriving wait. */
  private void passOnRestored(long now) {
    List<KeyValue<String, V>> restored = new ArrayList<>();
    try (KeyValueIterator<String, V> all = buffer.all()) {
      while (all.hasNext()) {
        KeyValue<String, V> entry = all.next();
        if (!arrivals.containsKey(keyOf(entry.key))) {
          restored.add(entry);
        }
      }
    }
    passOn(restored, now);
  }

  private void passOn(List<KeyValue<String, V>> records, long now) {
    for (KeyValue<String, V> entry : records) {
      buffer.delete(entry.key);
      context.forward(new Record<>(keyOf(entry.key), entry.value, now));
    }
  }

  private static String keyOf(String orderKey) {
    return orderKey.substring(0, orderKey.indexOf(SEP));
  }
}
