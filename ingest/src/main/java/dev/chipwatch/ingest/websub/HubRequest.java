package dev.chipwatch.ingest.websub;

import java.net.URI;
import java.util.Map;

/** A form to POST to a WebSub hub (subscribe or unsubscribe) on behalf of a feed. */
public record HubRequest(String feedId, URI hub, Map<String, String> form) {
  public String mode() {
    return form.get("hub.mode");
  }
}
