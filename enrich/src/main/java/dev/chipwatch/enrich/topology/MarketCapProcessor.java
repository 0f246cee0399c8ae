package dev.chipwatch.enrich.topology;

import dev.chipwatch.enrich.marketcap.ThresholdTracker;
import dev.chipwatch.schemas.avro.Direction;
import dev.chipwatch.schemas.avro.MarketCap;
import dev.chipwatch.schemas.avro.MarketQuote;
import dev.chipwatch.schemas.avro.ThresholdCrossing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the latest market value per vendor and detects threshold crossings. Values older than the
 * one held are ignored; a value stated in an article yields to a quote-source value of the last day.
 */
final class MarketCapProcessor implements Processor<String, MarketQuote, String, MarketCapUpdate> {
  static final String STORE = "market-cap-store";
  static final Duration QUOTE_PRECEDENCE = Duration.ofDays(1);

  private final EnrichSettings settings;
  private final ThresholdTracker tracker;
  private ProcessorContext<String, MarketCapUpdate> context;
  private KeyValueStore<String, MarketCap> caps;

  MarketCapProcessor(EnrichSettings settings) {
    this.settings = settings;
    this.tracker = new ThresholdTracker(settings.hysteresis());
  }

  @Override
  public void init(ProcessorContext<String, MarketCapUpdate> context) {
    this.context = context;
    this.caps = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, MarketQuote> record) {
    MarketQuote q = record.value();
    if (q == null || !(q.getMarketCapUsd() > 0)) {
      return;
    }
    String vendor = q.getVendor();
    MarketCap current = caps.get(vendor);
    if (current != null && !q.getAt().isAfter(current.getAt())) {
      return;
    }
    if (current != null && q.getFromArticle() && !current.getFromArticle()
        && Duration.between(current.getAt(), q.getAt()).compareTo(QUOTE_PRECEDENCE) < 0) {
      return;
    }
    List<Double> thresholds = settings.thresholdsFor(vendor);
    Set<Double> above;
    List<ThresholdCrossing> crossings = new ArrayList<>();
    if (current == null) {
      above = tracker.initial(thresholds, q.getMarketCapUsd());
    } else {
      ThresholdTracker.Result moved = tracker.move(thresholds, new TreeSet<>(current.getAboveThresholds()), q.getMarketCapUsd());
      above = moved.above();
      for (ThresholdTracker.Crossing c : moved.crossings()) {
        crossings.add(ThresholdCrossing.newBuilder()
            .setVendor(vendor)
            .setThresholdUsd(c.threshold())
            .setDirection(Direction.valueOf(c.direction().name()))
            .setPreviousUsd(current.getUsd())
            .setUsd(q.getMarketCapUsd())
            .setAt(q.getAt())
            .setSource(q.getSource())
            .build());
      }
    }
    MarketCap next = MarketCap.newBuilder()
        .setVendor(vendor)
        .setUsd(q.getMarketCapUsd())
        .setAt(q.getAt())
        .setSource(q.getSource())
        .setFromArticle(q.getFromArticle())
        .setAboveThresholds(List.copyOf(above))
        .build();
    caps.put(vendor, next);
    context.forward(new Record<>(vendor, new MarketCapUpdate(next, crossings), record.timestamp()));
  }
}
