package dev.chipwatch.enrich.topology;

import dev.chipwatch.schemas.avro.Article;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Passes each article id once; ids are forgotten after the retention so the store stays bounded. */
final class ArticleDedupProcessor implements Processor<String, Article, String, Article> {
  static final String STORE = "article-ids";
  private static final Duration PURGE_EVERY = Duration.ofHours(1);

  private final Duration retention;
  private final Counter duplicates;
  private ProcessorContext<String, Article> context;
  private KeyValueStore<String, Long> seen;

  ArticleDedupProcessor(Duration retention, Counter duplicates) {
    this.retention = retention;
    this.duplicates = duplicates;
  }

  @Override
  public void init(ProcessorContext<String, Article> context) {
    this.context = context;
    this.seen = context.getStateStore(STORE);
    context.schedule(PURGE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::purge);
  }

  @Override
  public void process(Record<String, Article> record) {
    if (record.value() == null) {
      return;
    }
    String id = record.value().getId();
    if (seen.get(id) != null) {
      duplicates.increment();
      return;
    }
    seen.put(id, context.currentSystemTimeMs());
    context.forward(record.withKey(id));
  }

  private void purge(long now) {
    long cutoff = now - retention.toMillis();
    try (KeyValueIterator<String, Long> all = seen.all()) {
      while (all.hasNext()) {
        KeyValue<String, Long> entry = all.next();
        if (entry.value < cutoff) {
          seen.delete(entry.key);
        }
      }
    }
  }
}
