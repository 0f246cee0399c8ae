package dev.chipwatch.ingest.kafka;

import dev.chipwatch.ingest.feed.FeedException;
import dev.chipwatch.ingest.feed.FeedFetcher;
import dev.chipwatch.ingest.feed.FeedParser;
import dev.chipwatch.ingest.feed.FetchResult;
import dev.chipwatch.ingest.feed.ParsedFeed;
import dev.chipwatch.ingest.feed.Validators;
import java.net.URI;
import java.time.Clock;

/** Fetches and parses one feed: the side effect the poller is given. */
public interface FeedReader {
  /** A read feed; {@code feed} is null when the server answered 304 Not Modified. */
  record Reading(ParsedFeed feed, Validators validators) {
    public boolean notModified() {
      return feed == null;
    }
  }

  Reading read(URI uri, Validators previous) throws FeedException;

  /** Over HTTP with the guarded, capped fetcher and the ROME parser. */
  static FeedReader http(FeedFetcher fetcher, FeedParser parser, Clock clock) {
    return (uri, previous) -> {
      FetchResult result = fetcher.fetch(uri, previous);
      if (result.notModified()) {
        return new Reading(null, result.validators());
      }
      return new Reading(parser.parse(result.body(), result.contentType(), clock.instant()), result.validators());
    };
  }
}
