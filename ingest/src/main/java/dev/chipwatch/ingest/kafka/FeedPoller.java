package dev.chipwatch.ingest.kafka;

import dev.chipwatch.ingest.feed.FeedException;
import dev.chipwatch.ingest.feed.FeedItem;
import dev.chipwatch.ingest.feed.Validators;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the feeds this instance owns and writes new items to articles.raw. Each feed's articles
 * and its advanced cursor go to Kafka in one transaction, so the cursor never runs ahead of what
 * Kafka acknowledged: a crash loses nothing, and a restart re-sends nothing a reader could see.
 * Fetches run on a pool, so a slow host does not hold up the others; Kafka writes stay on the
 * calling thread.
 */
public final class FeedPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
  /** How many item ids a cursor remembers beyond those the feed currently carries. */
  static final int SEEN_IDS_KEPT = 1000;

  private record Outcome(FeedSource feed, FeedReader.Reading reading, FeedException error, Instant at, Duration took) {}

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
  private final Map<String, Instant> due = new HashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final Set<String> inFlight = new java.util.HashSet<>();
  private boolean transactionsReady;

  public FeedPoller(IngestSettings settings, FeedRegistry registry, CursorStore cursors, FeedReader reader,
      Producer<String, byte[]> producer, Clock clock, IngestMetrics metrics) {
    this.settings = settings;
    this.registry = registry;
    this.cursors = cursors;
    this.reader = reader;
    this.producer = producer;
    this.clock = clock;
    this.metrics = metrics;
    this.schedule = new PollSchedule(settings.minInterval(), settings.maxInterval());
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
    if (registry.poll(Duration.ofMillis(50))) {
      cursors.refresh();
      due.keySet().retainAll(registry.feeds().keySet());
      metrics.feedsPolled(lastNewItems());
    }
    metrics.feedsOwned(registry.feeds().size());
    Instant now = clock.instant();
    for (FeedSource feed : registry.feeds().values()) {
      Instant when = due.getOrDefault(feed.getId(), Instant.EPOCH);
      if (!now.isBefore(when) && inFlight.add(feed.getId())) {
        fetchers.execute(() -> done.add(fetch(feed)));
      }
    }
    Outcome first = done.poll(200, TimeUnit.MILLISECONDS);
    List<Outcome> batch = new ArrayList<>();
    if (first != null) {
      batch.add(first);
      done.drainTo(batch);
    }
    for (Outcome outcome : batch) {
      inFlight.remove(outcome.feed().getId());
      if (registry.feeds().containsKey(outcome.feed().getId())) {
        write(outcome);
      }
    }
    metrics.feedsFailing((int) failures.values().stream().filter(n -> n > 0).count());
  }

  /** When each owned feed last gave a new item, per its committed cursor; when it was added if never. */
  private Map<String, Instant> lastNewItems() {
    Map<String, Instant> out = new HashMap<>();
    for (FeedSource feed : registry.feeds().values()) {
      FeedCursor cursor = cursors.get(feed.getId());
      Instant at = cursor == null ? null : cursor.getLastNewItemAt();
      out.put(feed.getId(), at != null ? at : feed.getAddedAt());
    }
    return out;
  }

  private Outcome fetch(FeedSource feed) {
    Instant started = clock.instant();
    FeedCursor cursor = cursors.get(feed.getId());
    Validators previous = cursor == null ? Validators.NONE : new Validators(cursor.getEtag(), cursor.getLastModified());
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

  private void write(Outcome o) {
    FeedSource feed = o.feed();
    Duration interval = schedule.interval(feed.getIntervalSeconds(), settings.defaultInterval());
    if (o.error() != null) {
      int n = failures.merge(feed.getId(), 1, Integer::sum);
      metrics.fetched(o.error().reason().name(), o.took());
      LOG.warn("feed {} failed ({} in a row): {} {}", feed.getId(), n, o.error().reason(), o.error().getMessage());
      inTransaction(() -> send(Topic.DLQ, feed.getId(), deadLetter(feed, o.error(), o.at())));
      due.put(feed.getId(), schedule.afterFailure(clock.instant(), interval, n, o.error().retryAfter()));
      return;
    }
    failures.remove(feed.getId());
    FeedReader.Reading reading = o.reading();
    FeedCursor cursor = cursors.get(feed.getId());
    if (reading.notModified()) {
      metrics.fetched("NOT_MODIFIED", o.took());
      due.put(feed.getId(), schedule.afterSuccess(clock.instant(), interval));
      return;
    }
    metrics.fetched("OK", o.took());
    Set<String> seen = cursor == null ? Set.of() : Set.copyOf(cursor.getSeenIds());
    // oldest first: feeds list newest first, and downstream state is built in publication order
    List<FeedItem> fresh = reading.feed().items().stream().filter(i -> !seen.contains(i.id()))
        .sorted(java.util.Comparator.comparing(FeedItem::published)).toList();
    boolean validatorsChanged = cursor == null
        || !java.util.Objects.equals(cursor.getEtag(), reading.validators().etag())
        || !java.util.Objects.equals(cursor.getLastModified(), reading.validators().lastModified());
    if (!fresh.isEmpty() || validatorsChanged) {
      FeedCursor next = nextCursor(feed, cursor, reading, fresh, o.at());
      boolean committed = inTransaction(() -> {
        for (FeedItem item : fresh) {
          send(Topic.ARTICLES_RAW, item.id(), article(feed, item, o.at()));
        }
        send(Topic.INGEST_CURSORS, feed.getId(), next);
      });
      if (!committed) {
        due.put(feed.getId(), schedule.afterFailure(clock.instant(), interval, 1, null));
        return;
      }
      cursors.put(next);
      metrics.ingested(fresh.size());
      if (!fresh.isEmpty()) {
        metrics.newItemAt(feed.getId(), o.at());
      }
      if (!fresh.isEmpty()) {
        LOG.info("feed {}: {} new item(s)", feed.getId(), fresh.size());
      }
    }
    due.put(feed.getId(), schedule.afterSuccess(clock.instant(), interval));
  }

  private static FeedCursor nextCursor(FeedSource feed, FeedCursor previous, FeedReader.Reading reading,
      List<FeedItem> fresh, Instant at) {
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    reading.feed().items().forEach(i -> ids.add(i.id()));
    if (previous != null) {
      ids.addAll(previous.getSeenIds());
    }
    int keep = Math.max(SEEN_IDS_KEPT, reading.feed().items().size() * 2);
    return FeedCursor.newBuilder()
        .setFeedId(feed.getId())
        .setEtag(reading.validators().etag())
        .setLastModified(reading.validators().lastModified())
        .setSeenIds(ids.stream().limit(keep).toList())
        .setLastNewItemAt(fresh.isEmpty() ? (previous == null ? null : previous.getLastNewItemAt()) : at)
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

  private <T extends SpecificRecord> void send(Topic topic, String key, T value) {
    producer.send(settings.topics().record(topic, key, value));
  }

  private static Article article(FeedSource feed, FeedItem item, Instant fetchedAt) {
    return Article.newBuilder()
        .setId(item.id())
        .setFeedId(feed.getId())
        .setLink(item.link())
        .setGuid(item.guid())
        .setTitle(item.title())
        .setSummary(item.summary())
        .setContent(item.content())
        .setPublished(item.published())
        .setFetchedAt(fetchedAt)
        .setPublishedFallback(item.publishedFallback())
        .setOfficial(feed.getOfficial())
        .build();
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
    registry.close();
    cursors.close();
    producer.close(Duration.ofSeconds(10));
  }
}
