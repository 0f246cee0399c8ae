package dev.chipwatch.ingest.kafka;

import dev.chipwatch.ingest.quotes.Quote;
import dev.chipwatch.ingest.quotes.QuoteException;
import dev.chipwatch.ingest.quotes.QuoteSource;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.DeadLetter;
import dev.chipwatch.schemas.avro.MarketQuote;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks each quote source for market values on its interval and writes a MarketQuote only when a
 * vendor's value changed. A failing source is recorded in the dlq and retried; the others go on.
 */
public final class QuotePoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QuotePoller.class);

  private final List<QuoteSource> sources;
  private final Duration interval;
  private final Topics topics;
  private final Producer<String, byte[]> producer;
  private final Clock clock;
  private final IngestMetrics metrics;
  private final Map<QuoteSource, Instant> due = new HashMap<>();
  private final Map<String, Double> lastSent = new HashMap<>();

  public QuotePoller(List<QuoteSource> sources, Duration interval, Topics topics, Producer<String, byte[]> producer,
      Clock clock, IngestMetrics metrics) {
    this.sources = List.copyOf(sources);
    this.interval = interval;
    this.topics = topics;
    this.producer = producer;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Polls the sources that are due; returns how long the caller may sleep. */
  public Duration step() {
    Instant now = clock.instant();
    Instant next = now.plus(interval);
    for (QuoteSource source : sources) {
      Instant when = due.getOrDefault(source, Instant.EPOCH);
      if (now.isBefore(when)) {
        next = when.isBefore(next) ? when : next;
        continue;
      }
      Instant after = now.plus(interval);
      try {
        for (Quote q : source.fetch()) {
          if (!Double.valueOf(q.marketCapUsd()).equals(lastSent.get(q.vendor()))) {
            send(Topic.MARKET_QUOTES, q.vendor(), MarketQuote.newBuilder().setVendor(q.vendor()).setTicker(q.ticker())
                .setMarketCapUsd(q.marketCapUsd()).setAt(q.at()).setSource(q.source()).setFromArticle(false).build());
            lastSent.put(q.vendor(), q.marketCapUsd());
            metrics.quote(source.name());
          }
        }
      } catch (QuoteException e) {
        LOG.warn("quote source {} failed: {} {}", source.name(), e.reason(), e.getMessage());
        metrics.quoteFailed(source.name(), e.reason().name());
        send(Topic.DLQ, source.name(), DeadLetter.newBuilder().setSourceId(source.name()).setStage("ingest")
            .setReason(e.reason().name()).setMessage(e.getMessage() == null ? "" : e.getMessage()).setAt(now).build());
        if (e.retryAfter() != null && now.plus(e.retryAfter()).isAfter(after)) {
          after = now.plus(e.retryAfter());
        }
      }
      due.put(source, after);
      next = after.isBefore(next) ? after : next;
    }
    producer.flush();
    Duration wait = Duration.between(clock.instant(), next);
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  private <T extends SpecificRecord> void send(Topic topic, String key, T value) {
    producer.send(topics.record(topic, key, value));
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
