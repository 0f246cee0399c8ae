package dev.chipwatch.app.cli;

import dev.chipwatch.app.runtime.TopologyReplay;
import dev.chipwatch.ingest.feed.FeedException;
import dev.chipwatch.ingest.feed.FeedItem;
import dev.chipwatch.ingest.feed.FeedFetcher;
import dev.chipwatch.ingest.feed.FeedParser;
import dev.chipwatch.ingest.feed.FetchResult;
import dev.chipwatch.ingest.feed.FetchSettings;
import dev.chipwatch.ingest.feed.ParsedFeed;
import dev.chipwatch.ingest.feed.Validators;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Reads a feed named on the command line, a file or an http(s) URL, with ingest's own code. */
final class FeedInputs {
  private final FeedFetcher fetcher;
  private final FeedParser parser = new FeedParser();
  private final Clock clock;

  FeedInputs(FetchSettings settings, Clock clock) {
    this.fetcher = new FeedFetcher(settings);
    this.clock = clock;
  }

  /** Every item of the named feeds; a feed that cannot be read is reported on {@code err} and skipped. */
  record Items(List<TopologyReplay.Input> items, boolean anyFailed) {}

  Items readAll(List<String> feeds, PrintWriter err) {
    List<TopologyReplay.Input> items = new ArrayList<>();
    boolean failed = false;
    for (String feed : feeds) {
      try {
        for (FeedItem item : read(feed).items()) {
          items.add(new TopologyReplay.Input(feed, item));
        }
      } catch (FeedException e) {
        err.println(feed + ": " + e.reason() + " " + e.getMessage());
        failed = true;
      }
    }
    return new Items(items, failed);
  }

  ParsedFeed read(String feed) throws FeedException {
    if (feed.startsWith("http://") || feed.startsWith("https://")) {
      FetchResult result = fetcher.fetch(URI.create(feed), Validators.NONE);
      return parser.parse(result.body(), result.contentType(), clock.instant());
    }
    Path path = Path.of(feed);
    try {
      return parser.parse(Files.readAllBytes(path), null, clock.instant());
    } catch (NoSuchFileException e) {
      throw new FeedException(FeedException.Reason.IO, "no such file");
    } catch (IOException e) {
      throw new FeedException(FeedException.Reason.IO, "cannot read: " + e.getMessage(), e);
    }
  }
}
