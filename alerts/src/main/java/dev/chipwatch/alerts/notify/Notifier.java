package dev.chipwatch.alerts.notify;

import dev.chipwatch.schemas.avro.Alert;
import java.util.List;

/**
 * Sends alerts to one receiver. A list, so that a digest of several alerts can go out as one
 * message. Implementations never throw for delivery failures: they say whether a retry can help.
 */
public interface Notifier {

  DeliveryResult send(List<Alert> alerts);
}
