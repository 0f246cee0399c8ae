package dev.chipwatch.ingest.websub;

import dev.chipwatch.ingest.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebSubSubscriptionsTest {
  private static final URI HUB = URI.create("https://hub.example/");
  private static final String TOPIC = "https://news.example/feed.atom";
  private static final Duration LEASE = Duration.ofDays(10);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final WebSubSubscriptions subs = new WebSubSubscriptions(URI.create("https://cw.example/websub"), LEASE, clock);

  private static String token(HubRequest r) {
    String callback = r.form().get("hub.callback");
    return callback.substring(callback.lastIndexOf('/') + 1);
  }

  private HubRequest subscribed() {
    List<HubRequest> requests = subs.want("wire", HUB, TOPIC);
    assertEquals(1, requests.size());
    return requests.get(0);
  }

  @Test
  void subscribesOnceWithItsOwnCallbackAndSecret() {
    HubRequest r = subscribed();
    assertEquals("subscribe", r.mode());
    assertEquals(TOPIC, r.form().get("hub.topic"));
    assertEquals("864000", r.form().get("hub.lease_seconds"));
    assertTrue(r.form().get("hub.callback").startsWith("https://cw.example/websub/"));
    assertTrue(token(r).length() >= 32, "an unguessable callback path");
    assertEquals(64, r.form().get("hub.secret").length());
    assertEquals(List.of(), subs.want("wire", HUB, TOPIC), "nothing more while it stands");
    HubRequest other = subs.want("other", URI.create("http://plain-hub.example/"), "http://x.example/f").get(0);
    assertNull(other.form().get("hub.secret"), "no secret to a hub reached without TLS");
    assertFalse(token(other).equals(token(r)));
  }

  @Test
  void verifiesIntentOnlyForItsOwnTopicAndRenewsBeforeTheLeaseEnds() {
    HubRequest r = subscribed();
    String token = token(r);
    assertNull(subs.verify(token, "subscribe", "https://evil.example/", "c1", "3600"), "another topic");
    assertNull(subs.verify("unknown", "subscribe", TOPIC, "c1", "3600"));
    assertNull(subs.verify(token, "subscribe", TOPIC, null, "3600"), "no challenge");
    assertFalse(subs.active("wire"));
    assertEquals("c2", subs.verify(token, "subscribe", TOPIC, "c2", "3600"));
    assertTrue(subs.active("wire"));
    clock.advance(Duration.ofSeconds(2879));
    assertEquals(List.of(), subs.due());
    clock.advance(Duration.ofSeconds(1));
    List<HubRequest> renewal = subs.due();
    assertEquals(1, renewal.size(), "renewed at 80 % of the hour granted");
    assertEquals(r.form().get("hub.callback"), renewal.get(0).form().get("hub.callback"));
    assertEquals(List.of(), subs.due(), "not again at once");
    clock.advance(Duration.ofMinutes(15));
    assertEquals(1, subs.due().size(), "the hub did not confirm the renewal: asked again");
    assertEquals("c3", subs.verify(token, "subscribe", TOPIC, "c3", null));
    clock.advance(Duration.ofSeconds(719));
    assertTrue(subs.active("wire"), "a renewal without lease_seconds keeps the lease asked for");
  }

  @Test
  void anUnconfirmedOrRefusedSubscriptionIsAskedForAgainLater() {
    HubRequest r = subscribed();
    clock.advance(WebSubSubscriptions.UNCONFIRMED_RETRY.minusSeconds(1));
    assertEquals(List.of(), subs.due());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(1, subs.due().size());
    subs.requestFailed(r);
    clock.advance(WebSubSubscriptions.UNCONFIRMED_RETRY);
    assertEquals(List.of(), subs.due(), "a hub that refused is left alone longer");
    assertEquals("", subs.verify(token(r), "denied", TOPIC, null, null));
    clock.advance(WebSubSubscriptions.REFUSED_RETRY);
    assertEquals(1, subs.due().size());
  }

  @Test
  void pushedContentCountsOnlyWhenActiveAndSigned() throws Exception {
    HubRequest r = subscribed();
    String token = token(r);
    byte[] body = "<feed/>".getBytes(StandardCharsets.UTF_8);
    byte[] secret = HexFormat.of().parseHex(r.form().get("hub.secret"));
    String good = "sha256=" + hmac("HmacSHA256", secret, body);
    assertNull(subs.pushed(token, body, good), "not before the hub confirmed");
    subs.verify(token, "subscribe", TOPIC, "c", "3600");
    assertEquals("wire", subs.pushed(token, body, good));
    assertEquals("wire", subs.pushed(token, body, "sha1=" + hmac("HmacSHA1", secret, body)));
    assertNull(subs.pushed(token, body, null), "unsigned");
    assertNull(subs.pushed(token, body, "sha256=" + hmac("HmacSHA256", "other".getBytes(), body)), "wrong key");
    assertNull(subs.pushed(token, "<feed>changed</feed>".getBytes(StandardCharsets.UTF_8), good), "changed body");
    assertNull(subs.pushed(token, body, "md5=abc"));
    assertNull(subs.pushed("unknown", body, good));
  }

  @Test
  void aFeedThatLeavesIsUnsubscribedAndTheHubsCheckAnswered() {
    HubRequest r = subscribed();
    subs.verify(token(r), "subscribe", TOPIC, "c", "3600");
    List<HubRequest> gone = subs.retainOnly(Set.of("someone-else"));
    assertEquals(1, gone.size());
    assertEquals("unsubscribe", gone.get(0).mode());
    assertFalse(subs.active("wire"));
    assertNull(subs.pushed(token(r), new byte[0], null));
    assertEquals("u1", subs.verify(token(r), "unsubscribe", TOPIC, "u1", null));
    assertNull(subs.verify(token(r), "unsubscribe", TOPIC, "u2", null), "answered once");
  }

  @Test
  void aFeedThatMovesToAnotherHubLeavesTheOldOne() {
    subscribed();
    List<HubRequest> moved = subs.want("wire", URI.create("https://new-hub.example/"), TOPIC);
    assertEquals(List.of("unsubscribe", "subscribe"), moved.stream().map(HubRequest::mode).toList());
    assertEquals(HUB, moved.get(0).hub());
  }

  private static String hmac(String algorithm, byte[] key, byte[] body) throws Exception {
    Mac mac = Mac.getInstance(algorithm);
    mac.init(new SecretKeySpec(key, algorithm));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
