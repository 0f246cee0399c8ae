package dev.chipwatch.ingest.websub;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the poller calls: after each read of a feed (subscribe when it names a hub), about once a
 * second (renewals and retries), and when its feeds change (unsubscribe). Requests go out on a
 * thread of their own, so a slow hub never holds up polling.
 */
public final class WebSubSubscriber implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebSubSubscriber.class);
  private static final Duration TICK = Duration.ofSeconds(1);

  private final WebSubSubscriptions subscriptions;
  private final HubClient hubs;
  private final Clock clock;
  private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "chipwatch-websub-requests");
    t.setDaemon(true);
    return t;
  });
  private Instant nextTick = Instant.MIN;

  public WebSubSubscriber(WebSubSubscriptions subscriptions, HubClient hubs, Clock clock) {
    this.subscriptions = subscriptions;
    this.hubs = hubs;
    this.clock = clock;
  }

  public WebSubSubscriptions subscriptions() {
    return subscriptions;
  }

  /** After a successful poll of a feed; {@code hub} and {@code self} as the feed names them. */
  public void read(String feedId, String feedUrl, String hub, String self) {
    if (hub == null) {
      return;
    }
    URI hubUri;
    try {
      hubUri = new URI(hub);
    } catch (java.net.URISyntaxException e) {
      return; // a feed naming an unreadable hub is polled, as every feed is
    }
    send(subscriptions.want(feedId, hubUri, self != null ? self : feedUrl));
  }

  /** Sends renewals and retries that are due; cheap to call often. */
  public void tick() {
    Instant now = clock.instant();
    if (now.isBefore(nextTick)) {
      return;
    }
    nextTick = now.plus(TICK);
    send(subscriptions.due());
  }

  public void retainOnly(Set<String> feedIds) {
    send(subscriptions.retainOnly(feedIds));
  }

  private void send(List<HubRequest> requests) {
    for (HubRequest r : requests) {
      sender.execute(() -> {
        try {
          hubs.send(r);
          LOG.info("websub: asked {} for feed {}", HubClient.describe(r), r.feedId());
        } catch (Exception e) {
          LOG.warn("websub: {} for feed {} failed: {}", HubClient.describe(r), r.feedId(), e.getMessage());
          subscriptions.requestFailed(r);
        }
      });
    }
  }

  @Override
  public void close() {
    sender.shutdownNow();
  }
}
