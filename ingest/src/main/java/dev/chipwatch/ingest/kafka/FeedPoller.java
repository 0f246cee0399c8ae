package dev.chipwatch.ingest.kafka;

import dev.chipwatch.ingest.feed.FeedException;
import dev.chipwatch.ingest.feed.FeedItem;
import dev.chipwatch.ingest.feed.ParsedFeed;
import dev.chipwatch.ingest.feed.Validators;
import dev.chipwatch.ingest.websub.WebSubSubscriber;
import dev.chipwatch.ingest.schedule.PollSchedule;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.Article;
import dev.chipwatch.schemas.avro.DeadLetter;
import dev.chipwatch.schemas.avro.FeedCursor;
import dev.chipwatch.schemas.avro.FeedSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the feeds this instance owns and writes new items to articles.raw. Each feed's articles
 * and its advanced cursor go to Kafka in one transaction (shared with the other feeds that finished
 * in the same round), so the cursor never runs ahead of what
 * Kafka acknowledged: a crash loses nothing, and a restart re-sends nothing a reader could see.
 * Fetches run on a pool, so a slow host does not hold up the others; Kafka writes stay on the
 * calling thread.
 */
public final class FeedPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
  /** How many item ids a cursor remembers beyond those the feed currently carries. */
  static final int SEEN_IDS_KEPT = 1000;
  private static final URI UNPARSEABLE = URI.create("unparseable:/");
  /** Bounds a round's transaction: its size, and the work lost to one failed commit. */
  static final int MAX_FEEDS_PER_TRANSACTION = 200;

  /** A finished read of a feed: polled, or pushed by its WebSub hub (which leaves its polling schedule alone). */
  private record Outcome(FeedSource feed, FeedReader.Reading reading, FeedException error, Instant at, Duration took,
      boolean pushed) {
    Outcome(FeedSource feed, FeedReader.Reading reading, FeedException error, Instant at, Duration took) {
      this(feed, reading, error, at, took, false);
    }
  }

  private record Pushed(String feedId, ParsedFeed feed, Instant at) {}

  private final IngestSettings settings;
  private final FeedRegistry registry;
  private final CursorStore cursors;
  private final FeedReader reader;
  private final Producer<String, byte[]> producer;
  private final Clock clock;
  private final IngestMetrics metrics;
  private final PollSchedule schedule;
  private final ExecutorService fetchers;
  private final BlockingQueue<Outcome> done = new LinkedBlockingQueue<>();
  private final java.util.Queue<Pushed> pushes = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final WebSubSubscriber websub;
  private final Set<String> inFlight = new java.util.HashSet<>();
  /** Parsed feed URLs, so that a step over thousands of feeds does not parse each one again. */
  private final Map<String, URI> uris = new HashMap<>();
  private boolean transactionsReady;
  /** The last round had outcomes to write: the next one does not wait on the registry. */
  private boolean busy;

  public FeedPoller(IngestSettings settings, FeedRegistry registry, CursorStore cursors, FeedReader reader,
      Producer<String, byte[]> producer, Clock clock, IngestMetrics metrics) {
    this(settings, registry, cursors, reader, producer, clock, metrics, null);
  }

  /** @param websub subscribes feeds that name a WebSub hub; null when WebSub is off */
  public FeedPoller(IngestSettings settings, FeedRegistry registry, CursorStore cursors, FeedReader reader,
      Producer<String, byte[]> producer, Clock clock, IngestMetrics metrics, WebSubSubscriber websub) {
    this.websub = websub;
    this.settings = settings;
    this.registry = registry;
    this.cursors = cursors;
    this.reader = reader;
    this.producer = producer;
    this.clock = clock;
    this.metrics = metrics;
    this.schedule = new PollSchedule(settings.minInterval(), settings.maxInterval(), settings.maxSlowdown(),
        settings.perHostConcurrency(), clock, new SplittableRandom());
    this.fetchers = Executors.newFixedThreadPool(settings.fetchThreads(), r -> {
      Thread t = new Thread(r, "chipwatch-fetch");
      t.setDaemon(true);
      return t;
    });
  }

  /** One round: learn feed changes, start due fetches, write what finished. */
  public void step() throws InterruptedException {
    if (!transactionsReady) {
      producer.initTransactions();
      transactionsReady = true;
    }
    // while fetches keep finishing, the registry is only checked, not waited on: a 50 ms wait per
    // round would otherwise cap a busy poller at twenty rounds a second
    if (registry.poll(busy ? Duration.ZERO : Duration.ofMillis(50))) {
      cursors.refresh();
      ownedFeedsChanged();
    }
    metrics.feedsOwned(registry.feeds().size());
    for (FeedSource feed : registry.feeds().values()) {
      if (!inFlight.contains(feed.getId()) && schedule.tryStart(feed.getId(), uriOf(feed))) {
        inFlight.add(feed.getId());
        fetchers.execute(() -> done.add(fetch(feed)));
      }
    }
    Outcome first = done.poll(200, TimeUnit.MILLISECONDS);
    List<Outcome> batch = new ArrayList<>();
    if (first != null) {
      batch.add(first);
      done.drainTo(batch, MAX_FEEDS_PER_TRANSACTION - 1);
    }
    addPushes(batch);
    if (websub != null) {
      websub.tick();
    }
    busy = !batch.isEmpty();
    List<Write> writes = new ArrayList<>();
    for (Outcome outcome : batch) {
      String id = outcome.feed().getId();
      inFlight.remove(id);
      FeedSource current = registry.feeds().get(id);
      if (current != null && current.getUrl().equals(outcome.feed().getUrl())) {
        Write w = prepare(outcome);
        if (w != null) {
          writes.add(w);
        }
      } else if (!outcome.pushed()) {
        // removed, or its URL changed meanwhile: what was read belongs to no feed we poll
        schedule.dropped(id, uriOf(outcome.feed()));
      }
    }
    if (!writes.isEmpty()) {
      // one transaction for every feed that finished in this round: each feed's articles still go
      // with its cursor, and a busy poller pays one commit round-trip per round, not one per feed
      boolean committed = inTransaction(() -> writes.forEach(w -> w.records().forEach(producer::send)));
      writes.forEach(w -> (committed ? w.committed() : w.notCommitted()).run());
    }
    metrics.feedsFailing(schedule.failing());
  }

  /**
   * Content a feed's WebSub hub pushed, already parsed; called from the callback server's threads.
   * It is written in a later round, through the same path as a poll's read: the cursor decides what
   * is new, so a pushed item that a poll also brings is written once.
   */
  public void pushed(String feedId, ParsedFeed feed) {
    pushes.add(new Pushed(feedId, feed, clock.instant()));
  }

  /** Pushed content joins the round, one read per feed: a feed being polled or already in it waits a round. */
  private void addPushes(List<Outcome> batch) {
    if (pushes.isEmpty()) {
      return;
    }
    Set<String> taken = new java.util.HashSet<>(inFlight);
    batch.forEach(o -> taken.add(o.feed().getId()));
    List<Pushed> later = new ArrayList<>();
    for (Pushed p = pushes.poll(); p != null; p = pushes.poll()) {
      FeedSource feed = registry.feeds().get(p.feedId());
      if (feed == null) {
        continue; // not ours (any more)
      }
      if (!taken.add(p.feedId())) {
        later.add(p);
        continue;
      }
      KnownCursor cursor = cursors.get(p.feedId());
      Validators kept = cursor == null ? Validators.NONE : new Validators(cursor.etag(), cursor.lastModified());
      batch.add(new Outcome(feed, new FeedReader.Reading(p.feed(), kept), null, p.at(), Duration.ZERO, true));
    }
    pushes.addAll(later);
  }

  private void ownedFeedsChanged() {
    Map<String, FeedSource> owned = registry.feeds();
    if (websub != null) {
      websub.retainOnly(owned.keySet());
    }
    schedule.retainOnly(owned.keySet());
    metrics.retainFeeds(owned.keySet());
    uris.keySet().retainAll(owned.values().stream().map(FeedSource::getUrl).collect(java.util.stream.Collectors.toSet()));
    for (FeedSource feed : owned.values()) {
      KnownCursor cursor = cursors.get(feed.getId());
      Instant lastNewItemAt = cursor == null ? null : cursor.lastNewItemAt();
      if (lastNewItemAt != null) {
        schedule.know(feed.getId(), lastNewItemAt);
      }
      // a feed that never had an item has been stale since it was registered
      metrics.feedOwned(feed.getId(), lastNewItemAt != null ? lastNewItemAt : feed.getAddedAt());
    }
  }

  private URI uriOf(FeedSource feed) {
    return uris.computeIfAbsent(feed.getUrl(), url -> {
      try {
        return new URI(url);
      } catch (java.net.URISyntaxException e) {
        return UNPARSEABLE; // fetch() reports it as a failure of this feed; scheduling goes on
      }
    });
  }

  private Outcome fetch(FeedSource feed) {
    Instant started = clock.instant();
    KnownCursor cursor = cursors.get(feed.getId());
    Validators previous = cursor == null ? Validators.NONE : new Validators(cursor.etag(), cursor.lastModified());
    long t0 = System.nanoTime();
    try {
      FeedReader.Reading reading = reader.read(URI.create(feed.getUrl()), previous);
      return new Outcome(feed, reading, null, started, Duration.ofNanos(System.nanoTime() - t0));
    } catch (FeedException e) {
      return new Outcome(feed, null, e, started, Duration.ofNanos(System.nanoTime() - t0));
    } catch (RuntimeException e) {
      // a parser or fetcher bug must not kill the poller; it is recorded like any failure
      return new Outcome(feed, null, new FeedException(FeedException.Reason.IO, e.toString(), e), started,
          Duration.ofNanos(System.nanoTime() - t0));
    }
  }

  /** What one finished fetch adds to the round's transaction, and what follows its commit or its failure. */
  private record Write(List<ProducerRecord<String, byte[]>> records, Runnable committed, Runnable notCommitted) {}

  private static final Runnable NOTHING = () -> {};

  /** Schedules the feed's next poll; returns what it must write to Kafka, or null when nothing. */
  private Write prepare(Outcome o) {
    FeedSource feed = o.feed();
    URI uri = uriOf(feed);
    Duration interval = feed.getIntervalSeconds() > 0 ? Duration.ofSeconds(feed.getIntervalSeconds())
        : settings.defaultInterval();
    if (o.error() != null) {
      FeedException error = o.error();
      boolean overloaded = error.httpStatus() == 429 || error.httpStatus() == 503;
      schedule.failed(feed.getId(), uri, error.retryAfter(), overloaded);
      int n = schedule.failures(feed.getId());
      metrics.fetched(error.reason().name(), o.took());
      metrics.feedFailures(feed.getId(), n);
      LOG.warn("feed {} failed ({} in a row): {} {}", feed.getId(), n, error.reason(), error.getMessage());
      return new Write(List.of(record(Topic.DLQ, feed.getId(), deadLetter(feed, error, o.at()))), NOTHING, NOTHING);
    }
    FeedReader.Reading reading = o.reading();
    KnownCursor cursor = cursors.get(feed.getId());
    if (o.pushed()) {
      return preparePushed(o, cursor);
    }
    metrics.feedFailures(feed.getId(), 0);
    if (reading.notModified()) {
      metrics.fetched("NOT_MODIFIED", o.took());
      schedule.succeeded(feed.getId(), uri, interval, 0, o.at());
      return null;
    }
    metrics.fetched("OK", o.took());
    if (websub != null) {
      websub.read(feed.getId(), feed.getUrl(), reading.feed().hub(), reading.feed().self());
    }
    Write w = newItems(o, cursor);
    if (w == null) {
      schedule.succeeded(feed.getId(), uri, interval, 0, o.at());
      return null;
    }
    return w;
  }

  /** Pushed content: the new items and cursor, or nothing; the feed's polling schedule is not touched. */
  private Write preparePushed(Outcome o, KnownCursor cursor) {
    metrics.pushed();
    return newItems(o, cursor);
  }

  /** The items of a read not seen before, with the advanced cursor, as a write; null when nothing changed. */
  private Write newItems(Outcome o, KnownCursor cursor) {
    FeedSource feed = o.feed();
    URI uri = uriOf(feed);
    Duration interval = feed.getIntervalSeconds() > 0 ? Duration.ofSeconds(feed.getIntervalSeconds())
        : settings.defaultInterval();
    FeedReader.Reading reading = o.reading();
    // oldest first: feeds list newest first, and downstream state is built in publication order
    List<FeedItem> fresh = reading.feed().items().stream().filter(i -> cursor == null || !cursor.hasSeen(i.id()))
        .sorted(java.util.Comparator.comparing(FeedItem::published)).toList();
    boolean validatorsChanged = cursor == null
        || !java.util.Objects.equals(cursor.etag(), reading.validators().etag())
        || !java.util.Objects.equals(cursor.lastModified(), reading.validators().lastModified());
    if (fresh.isEmpty() && !validatorsChanged) {
      return null;
    }
    FeedCursor next = nextCursor(feed, cursor, reading, fresh, o.at());
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(fresh.size() + 1);
    for (FeedItem item : fresh) {
      records.add(record(Topic.ARTICLES_RAW, item.id(), Articles.of(item, feed.getId(), feed.getOfficial(), o.at())));
    }
    records.add(record(Topic.INGEST_CURSORS, feed.getId(), next));
    return new Write(records, () -> {
      cursors.put(next);
      metrics.ingested(fresh.size());
      if (!fresh.isEmpty()) {
        metrics.feedNewItems(feed.getId(), o.at());
        LOG.info("feed {}: {} new item(s){}", feed.getId(), fresh.size(), o.pushed() ? " pushed by its hub" : "");
      }
      if (!o.pushed()) {
        schedule.succeeded(feed.getId(), uri, interval, fresh.size(), o.at());
      }
    }, o.pushed() ? NOTHING : () -> schedule.retrySoon(feed.getId(), uri));
  }

  static FeedCursor nextCursor(FeedSource feed, KnownCursor previous, FeedReader.Reading reading,
      List<FeedItem> fresh, Instant at) {
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    reading.feed().items().forEach(i -> ids.add(KnownCursor.text(i.id())));
    if (previous != null) {
      ids.addAll(previous.seenIds());
    }
    int keep = Math.max(SEEN_IDS_KEPT, reading.feed().items().size() * 2);
    return FeedCursor.newBuilder()
        .setFeedId(feed.getId())
        .setEtag(reading.validators().etag())
        .setLastModified(reading.validators().lastModified())
        .setSeenIds(ids.stream().limit(keep).toList())
        .setLastNewItemAt(fresh.isEmpty() ? (previous == null ? null : previous.lastNewItemAt()) : at)
        .setUpdatedAt(at)
        .build();
  }

  private boolean inTransaction(Runnable sends) {
    try {
      producer.beginTransaction();
      sends.run();
      producer.commitTransaction();
      return true;
    } catch (ProducerFencedException e) {
      throw e; // another instance took over our transactional id: this one must stop
    } catch (KafkaException e) {
      LOG.warn("write to Kafka failed, nothing advanced; will retry: {}", e.toString());
      try {
        producer.abortTransaction();
      } catch (KafkaException abortFailed) {
        LOG.warn("abort failed: {}", abortFailed.toString());
      }
      return false;
    }
  }

  private <T extends SpecificRecord> ProducerRecord<String, byte[]> record(Topic topic, String key, T value) {
    return settings.topics().record(topic, key, value);
  }

  private static DeadLetter deadLetter(FeedSource feed, FeedException e, Instant at) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return DeadLetter.newBuilder()
        .setSourceId(feed.getId())
        .setStage("ingest")
        .setReason(e.reason().name())
        .setMessage(message.length() > 500 ? message.substring(0, 500) : message)
        .setAt(at)
        .build();
  }

  @Override
  public void close() {
    fetchers.shutdownNow();
    if (websub != null) {
      websub.close();
    }
    registry.close();
    cursors.close();
    producer.close(Duration.ofSeconds(10));
  }
}
