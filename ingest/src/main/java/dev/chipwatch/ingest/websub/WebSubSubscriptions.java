package dev.chipwatch.ingest.websub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The WebSub subscriptions of the feeds this instance polls (W3C WebSub, subscriber side), as plain
 * state: it says which requests to send to hubs and answers what hubs send to the callback; it sends
 * nothing itself. Each subscription has its own callback path (an unguessable token) and, when the
 * hub is reached over https, its own secret for the content signatures. Thread-safe: hubs call back
 * on the callback server's threads while the poller drives the rest.
 */
public final class WebSubSubscriptions {
  /** A subscription the hub never confirmed is asked for again after this long. */
  static final Duration UNCONFIRMED_RETRY = Duration.ofMinutes(15);
  /** After a hub refused or denied a subscription. */
  static final Duration REFUSED_RETRY = Duration.ofHours(6);
  /** Leases are renewed when this fraction of them has passed. */
  static final double RENEW_AT = 0.8;
  private static final Duration SHORTEST_RENEWAL = Duration.ofMinutes(1);

  private enum State { PENDING, ACTIVE, REFUSED }

  private static final class Subscription {
    final String feedId;
    final URI hub;
    final String topic;
    final String token;
    final byte[] secret;
    State state = State.PENDING;
    /** When to send the subscription request again (renewal, or retry when unconfirmed or refused). */
    Instant resendAt;
    Instant leaseEndsAt;

    Subscription(String feedId, URI hub, String topic, String token, byte[] secret) {
      this.feedId = feedId;
      this.hub = hub;
      this.topic = topic;
      this.token = token;
      this.secret = secret;
    }
  }

  private final URI callbackBase;
  private final Duration lease;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Subscription> byFeed = new HashMap<>();
  private final Map<String, Subscription> byToken = new HashMap<>();
  /** Unsubscribed, awaiting the hub's verification: token → topic. */
  private final Map<String, String> leaving = new LinkedHashMap<>();

  /**
   * @param callbackBase the public URL under which the callback server is reached; a token is appended
   * @param lease the lease asked for (the hub may grant another)
   */
  public WebSubSubscriptions(URI callbackBase, Duration lease, Clock clock) {
    String base = callbackBase.toString();
    this.callbackBase = URI.create(base.endsWith("/") ? base : base + "/");
    this.lease = lease;
    this.clock = clock;
  }

  /**
   * After a successful read of a feed that names a hub: a subscription request when the feed has no
   * subscription to that hub and topic yet (an unsubscribe from a hub it left, too).
   */
  public synchronized List<HubRequest> want(String feedId, URI hub, String topic) {
    Subscription current = byFeed.get(feedId);
    if (current != null && current.hub.equals(hub) && current.topic.equals(topic)) {
      return List.of();
    }
    List<HubRequest> requests = new ArrayList<>();
    if (current != null) {
      requests.add(leave(current));
    }
    byte[] secret = "https".equalsIgnoreCase(hub.getScheme()) ? randomBytes(32) : null;
    Subscription s = new Subscription(feedId, hub, topic, base64(randomBytes(24)), secret);
    byFeed.put(feedId, s);
    byToken.put(s.token, s);
    requests.add(subscribe(s));
    return requests;
  }

  /** Renewals of leases near their end, and retries of subscriptions not confirmed or refused. */
  public synchronized List<HubRequest> due() {
    Instant now = clock.instant();
    List<HubRequest> requests = new ArrayList<>();
    for (Subscription s : byFeed.values()) {
      if (!now.isBefore(s.resendAt)) {
        requests.add(subscribe(s));
      }
    }
    return requests;
  }

  /** Unsubscribe requests for the feeds no longer polled here; they are forgotten. */
  public synchronized List<HubRequest> retainOnly(Set<String> feedIds) {
    List<HubRequest> requests = new ArrayList<>();
    for (Subscription s : List.copyOf(byFeed.values())) {
      if (!feedIds.contains(s.feedId)) {
        requests.add(leave(s));
      }
    }
    return requests;
  }

  /** The hub did not accept a request (error or no answer): retried later. */
  public synchronized void requestFailed(HubRequest request) {
    Subscription s = byFeed.get(request.feedId());
    if (s != null && "subscribe".equals(request.mode())) {
      s.resendAt = clock.instant().plus(REFUSED_RETRY);
    }
  }

  /**
   * A hub's verification of intent (GET on the callback).
   *
   * @return the body to answer with 200 (the challenge), or null to answer 404
   */
  public synchronized String verify(String token, String mode, String topic, String challenge, String leaseSeconds) {
    Instant now = clock.instant();
    if ("unsubscribe".equals(mode)) {
      String leavingTopic = leaving.get(token);
      if (leavingTopic != null && leavingTopic.equals(topic) && challenge != null) {
        leaving.remove(token);
        return challenge;
      }
      return null;
    }
    Subscription s = byToken.get(token);
    if (s == null || !s.topic.equals(topic)) {
      return null;
    }
    if ("denied".equals(mode)) {
      s.state = State.REFUSED;
      s.resendAt = now.plus(REFUSED_RETRY);
      return "";
    }
    if (!"subscribe".equals(mode) || challenge == null) {
      return null;
    }
    Duration granted = lease;
    try {
      if (leaseSeconds != null) {
        granted = Duration.ofSeconds(Long.parseLong(leaseSeconds.strip()));
      }
    } catch (NumberFormatException e) {
      // keep the lease asked for
    }
    s.state = State.ACTIVE;
    s.leaseEndsAt = now.plus(granted);
    Duration renewIn = Duration.ofMillis((long) (granted.toMillis() * RENEW_AT));
    s.resendAt = now.plus(renewIn.compareTo(SHORTEST_RENEWAL) < 0 ? SHORTEST_RENEWAL : renewIn);
    return challenge;
  }

  /**
   * Content a hub pushed to a callback.
   *
   * @param signature the X-Hub-Signature header, or null
   * @return the feed it belongs to, or null when it must be ignored (unknown callback, bad signature)
   */
  public synchronized String pushed(String token, byte[] body, String signature) {
    Subscription s = byToken.get(token);
    if (s == null || s.state != State.ACTIVE) {
      return null;
    }
    if (s.secret != null && !signatureMatches(s.secret, body, signature)) {
      return null;
    }
    return s.feedId;
  }

  /** True when the token is a callback of a current subscription. */
  public synchronized boolean knows(String token) {
    return byToken.containsKey(token);
  }

  /** True when the feed has a confirmed subscription. */
  public synchronized boolean active(String feedId) {
    Subscription s = byFeed.get(feedId);
    return s != null && s.state == State.ACTIVE && clock.instant().isBefore(s.leaseEndsAt);
  }

  private HubRequest subscribe(Subscription s) {
    // the hub's verification moves this to the next renewal; without one, the request is sent again
    s.resendAt = clock.instant().plus(UNCONFIRMED_RETRY);
    if (s.state == State.REFUSED) {
      s.state = State.PENDING;
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("hub.mode", "subscribe");
    form.put("hub.topic", s.topic);
    form.put("hub.callback", callbackBase.resolve(s.token).toString());
    form.put("hub.lease_seconds", Long.toString(lease.toSeconds()));
    if (s.secret != null) {
      form.put("hub.secret", HexFormat.of().formatHex(s.secret));
    }
    return new HubRequest(s.feedId, s.hub, form);
  }

  private HubRequest leave(Subscription s) {
    byFeed.remove(s.feedId);
    byToken.remove(s.token);
    leaving.put(s.token, s.topic);
    while (leaving.size() > 10_000) {
      leaving.remove(leaving.keySet().iterator().next()); // bounded: a hub that never verifies is forgotten
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("hub.mode", "unsubscribe");
    form.put("hub.topic", s.topic);
    form.put("hub.callback", callbackBase.resolve(s.token).toString());
    return new HubRequest(s.feedId, s.hub, form);
  }

  /** X-Hub-Signature: method=hex, with sha1, sha256, sha384 or sha512 (WebSub 8). */
  static boolean signatureMatches(byte[] secret, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    int eq = header.indexOf('=');
    if (eq < 0) {
      return false;
    }
    String algorithm = switch (header.substring(0, eq).strip().toLowerCase(Locale.ROOT)) {
      case "sha1" -> "HmacSHA1";
      case "sha256" -> "HmacSHA256";
      case "sha384" -> "HmacSHA384";
      case "sha512" -> "HmacSHA512";
      default -> null;
    };
    if (algorithm == null) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret, algorithm));
      byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
      byte[] given = header.substring(eq + 1).strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
      return MessageDigest.isEqual(expected, given);
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static String base64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
