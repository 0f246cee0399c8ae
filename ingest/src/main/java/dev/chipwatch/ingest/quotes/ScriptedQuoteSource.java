package dev.chipwatch.ingest.quotes;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed list of quotes released one per call, then nothing: the demo walks Nvidia across $4 trillion
 * with it, and tests drive threshold crossings.
 */
public final class ScriptedQuoteSource implements QuoteSource {
  public static final String NAME = "scripted";

  private final List<Quote> script;
  private final Clock stampClock;
  private final AtomicInteger next = new AtomicInteger();

  /** Quotes released as given, their {@code at} included. */
  public ScriptedQuoteSource(List<Quote> script) {
    this(script, null);
  }

  /** @param stampClock when not null, each quote is stamped with this clock's time when released */
  public ScriptedQuoteSource(List<Quote> script, Clock stampClock) {
    this.script = List.copyOf(script);
    this.stampClock = stampClock;
  }

  /** Nvidia from $3.90T to $4.10T in four steps, each stamped when released. */
  public static ScriptedQuoteSource nvidiaCrossingFourTrillion(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    List<Quote> steps = List.of(3.90e12, 3.97e12, 4.03e12, 4.10e12).stream()
        .map(cap -> new Quote("nvidia", "NVDA", cap, clock.instant(), NAME))
        .toList();
    return new ScriptedQuoteSource(steps, clock);
  }

  /** A script written as CSV lines {@code vendor,ticker,marketCapUsd,at}, released with their own times. */
  public static ScriptedQuoteSource fromCsv(String csv) throws QuoteException {
    return new ScriptedQuoteSource(CsvQuoteSource.parse(csv, NAME));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Quote> fetch() {
    int index = next.getAndUpdate(i -> Math.min(i + 1, script.size()));
    if (index >= script.size()) {
      return List.of();
    }
    Quote quote = script.get(index);
    if (stampClock != null) {
      quote = new Quote(quote.vendor(), quote.ticker(), quote.marketCapUsd(), stampClock.instant(), quote.source());
    }
    return List.of(quote);
  }

  /** Quotes not yet released. */
  public int remaining() {
    return script.size() - next.get();
  }
}
