package dev.chipwatch.alerts.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Keeps a global store in step with a compacted topic (a tombstone removes the key) and tells a
 * listener, so what is derived from the table (a rule cache, gauges) follows it.
 */
final class GlobalTableProcessor<V> implements Processor<String, V, Void, Void> {
  /** Hears of the table: once as restored at start-up (restoring bypasses process()), then each change. */
  interface Listener<V> {
    default void restored(ReadOnlyKeyValueStore<String, V> table) {}

    /** @param value the new value, or null when the key was removed */
    void changed(String key, V value, ReadOnlyKeyValueStore<String, V> table);
  }

  private final String storeName;
  private final Listener<V> listener;
  private KeyValueStore<String, V> store;

  GlobalTableProcessor(String storeName, Listener<V> listener) {
    this.storeName = storeName;
    this.listener = listener;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
    listener.restored(store);
  }

  @Override
  public void process(Record<String, V> record) {
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
    listener.changed(record.key(), record.value(), store);
  }
}
