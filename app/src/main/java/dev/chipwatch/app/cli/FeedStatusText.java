package dev.chipwatch.app.cli;

import dev.chipwatch.app.runtime.FeedCatalog;
import dev.chipwatch.schemas.avro.DeadLetter;
import dev.chipwatch.schemas.avro.FeedCursor;
import java.time.Duration;
import java.time.Instant;

/** One short line on what is known of a feed, from its cursor and its latest dead letter. */
final class FeedStatusText {
  private FeedStatusText() {}

  static String of(FeedCatalog.Entry entry, Instant now) {
    FeedCursor cursor = entry.cursor();
    String progress;
    if (cursor == null) {
      progress = "not read yet";
    } else if (cursor.getLastNewItemAt() == null) {
      progress = "read, no item yet";
    } else {
      progress = "new item " + DurationText.ago(Duration.between(cursor.getLastNewItemAt(), now)) + " ago";
    }
    DeadLetter error = entry.lastError();
    // the cursor moves only when the feed changes, so an older error may have been followed by
    // successful polls: the error is shown as the latest one, not as the feed's current state
    if (error == null || (cursor != null && error.getAt().isBefore(cursor.getUpdatedAt()))) {
      return progress;
    }
    return progress + "; error " + error.getReason() + " " + DurationText.ago(Duration.between(error.getAt(), now)) + " ago";
  }
}
