package dev.chipwatch.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.app.config.ConfigException;
import dev.chipwatch.ingest.feed.FeedFetcher;
import dev.chipwatch.ingest.feed.FetchSettings;
import dev.chipwatch.ingest.quotes.Quote;
import dev.chipwatch.ingest.quotes.QuoteSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Receivers and quote sources named in the configuration: built, or refused with the key's path. */
class ReceiversAndQuoteSourcesTest {
  private static final String CANARY = "https://hooks.slack.example/services/T000/B000/canary-secret-1234";
  private final PrintStream console = new PrintStream(new ByteArrayOutputStream());
  @TempDir Path dir;

  @Test
  void consoleAlwaysExistsAndConfiguredReceiversAreBuiltFromEnvAndFiles() throws Exception {
    Path key = dir.resolve("hmac");
    Files.writeString(key, "signing-key-canary\n");
    Map<String, Receivers.Receiver> receivers = Receivers.build(Map.of(
        "team", Map.of("type", "slack", "webhookUrlEnv", "TEAM_SLACK"),
        "hooks", Map.of("type", "webhook", "url", "https://hooks.example/in", "signingKeyFile", key.toString())),
        Map.of("TEAM_SLACK", CANARY), console, Clock.systemUTC());
    assertEquals(java.util.Set.of("console", "team", "hooks"), receivers.keySet());
    assertEquals("console", receivers.keySet().iterator().next(), "console first, always");
    assertEquals("slack", receivers.get("team").type());
    assertFalse(receivers.get("team").notifier().toString().contains("canary"), "the webhook URL is a secret");
  }

  @Test
  void aMissingSecretNamesTheKeyNotTheValue() {
    ConfigException e = assertThrows(ConfigException.class, () -> Receivers.build(
        Map.of("team", Map.of("type", "slack", "webhookUrlEnv", "NOT_SET")), Map.of(), console, Clock.systemUTC()));
    assertEquals("alerts.receivers.team.webhookUrlEnv: environment variable NOT_SET is not set", e.getMessage());
  }

  @Test
  void unknownTypeOrKeyIsRefusedWithItsPath() {
    ConfigException type = assertThrows(ConfigException.class, () -> Receivers.build(
        Map.of("pager", Map.of("type", "pagerduty")), Map.of(), console, Clock.systemUTC()));
    assertTrue(type.getMessage().startsWith("alerts.receivers.pager.type:"), type.getMessage());
    ConfigException key = assertThrows(ConfigException.class, () -> Receivers.build(
        Map.of("team", Map.of("type", "slack", "webhookUrl", CANARY, "channel", "#x")), Map.of(), console,
        Clock.systemUTC()));
    assertTrue(key.getMessage().contains("alerts.receivers.team.channel"), key.getMessage());
    assertFalse(key.getMessage().contains("canary"), "no secret in the error");
  }

  @Test
  void emailNeedsRecipients() {
    ConfigException e = assertThrows(ConfigException.class, () -> Receivers.build(
        Map.of("mail", Map.of("type", "email", "host", "smtp.example", "from", "cw@example.com")), Map.of(), console,
        Clock.systemUTC()));
    assertTrue(e.getMessage().startsWith("alerts.receivers.mail.to:"), e.getMessage());
  }

  @Test
  void scriptedQuotesComeFromTheBundledDemoScriptInOrder() throws Exception {
    List<QuoteSource> sources = QuoteSources.build(List.of(Map.of("type", "scripted", "source",
        "classpath:demo/quotes.csv")), Map.of(), new FeedFetcher(FetchSettings.defaults()), Clock.systemUTC());
    assertEquals(1, sources.size());
    List<Quote> first = sources.get(0).fetch();
    assertEquals("nvidia", first.get(0).vendor());
    assertEquals(3.86e12, first.get(0).marketCapUsd());
  }

  @Test
  void quoteSourceErrorsNameTheirPath() {
    FeedFetcher fetcher = new FeedFetcher(FetchSettings.defaults());
    ConfigException noTickers = assertThrows(ConfigException.class, () -> QuoteSources.build(
        List.of(Map.of("type", "fmp", "apiKey", "k")), Map.of(), fetcher, Clock.systemUTC()));
    assertTrue(noTickers.getMessage().startsWith("ingest.quotes[0].tickers:"), noTickers.getMessage());
    ConfigException badType = assertThrows(ConfigException.class, () -> QuoteSources.build(
        List.of(Map.of("type", "bloomberg")), Map.of(), fetcher, Clock.systemUTC()));
    assertTrue(badType.getMessage().startsWith("ingest.quotes[0].type:"), badType.getMessage());
    ConfigException missing = assertThrows(ConfigException.class, () -> QuoteSources.build(
        List.of(Map.of("type", "scripted", "source", "classpath:nope.csv")), Map.of(), fetcher, Clock.systemUTC()));
    assertTrue(missing.getMessage().contains("ingest.quotes[0].source"), missing.getMessage());
  }
}
