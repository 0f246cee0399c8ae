package dev.chipwatch.ingest.kafka;

import dev.chipwatch.schemas.Topics;
import java.time.Duration;

/**
 * How the feed poller schedules and where it writes.
 *
 * @param groupId consumer group of ingest instances; feeds are split among its members
 * @param transactionalId unique per instance, so a restarted instance fences its old self
 * @param minInterval floor for any feed's polling interval, also the first retry after an error
 * @param maxInterval ceiling for the interval and for the error backoff
 * @param fetchThreads feeds fetched at once
 * @param perHostConcurrency feeds of one host fetched at once
 * @param maxSlowdown how many times its own interval a quiet feed may wait at most
 */
public record IngestSettings(
    Topics topics,
    String groupId,
    String transactionalId,
    Duration defaultInterval,
    Duration minInterval,
    Duration maxInterval,
    int fetchThreads,
    int perHostConcurrency,
    int maxSlowdown) {}
