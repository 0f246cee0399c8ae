package dev.chipwatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `replay` orders export events by when they take effect; recaps and ended states change nothing. */
class ReplayCommandTest {
  private static final String DEV = "../enrich/src/test/resources/eval/dev/";

  @TempDir Path dir;

  private Path feed(String name, String pubDate, String link, String title, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>t</title><link>https://example.org</link><description>d</description>
        <item><title>%s</title><link>%s</link><pubDate>%s</pubDate><description>%s</description></item>
        </channel></rss>
        """.formatted(title, link, pubDate, text));
    return file;
  }

  private List<JsonNode> replay(String... feeds) throws Exception {
    List<String> args = new ArrayList<>(List.of("replay"));
    args.addAll(List.of(feeds));
    args.addAll(List.of("--data-dir", dir.toString()));
    CommandRun run = CommandRun.of(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    List<JsonNode> out = new ArrayList<>();
    for (String line : run.out().strip().split("\n")) {
      if (!line.isBlank()) out.add(new ObjectMapper().readTree(line));
    }
    return out;
  }

  private static String last(List<JsonNode> changes, String pair) {
    String status = "UNKNOWN";
    for (JsonNode c : changes) {
      if ((c.get("item").asText() + "|" + c.get("destination").asText()).equals(pair)) status = c.get("to").asText();
    }
    return status;
  }

  @Test
  void aSeptemberFeatureRecallingTheEndedBanLeavesTheH20Allowed() throws Exception {
    // written for this test after the feature article the issue quotes
    Path feature = feed("feature.xml", "Wed, 17 Sep 2025 09:00:00 GMT", "https://example.org/feature-september",
        "How the chip war reshaped Nvidia's year",
        "Washington's rules have swung back and forth all year. Until July, even H20s were banned for export to China; "
            + "the President later changed his mind, and now China is allowed to tap Nvidia's chips again; all Blackwell "
            + "chips remain out of China. Investors have shrugged it off: Nvidia is worth over $4 trillion.");
    List<JsonNode> changes = replay(DEV + "dev-rss2.xml", DEV + "dev-atom.xml", DEV + "dev-rdf.xml", feature.toString());
    assertEquals("ALLOWED", last(changes, "nvidia-h20|CN"), changes.toString());
    assertTrue(changes.stream().noneMatch(c -> c.get("articles").toString().contains("feature-september")),
        "a recap changes no status: " + changes);
  }

  @Test
  void aRuleAnnouncedForALaterDateChangesTheStatusThenAndALaterRecapDoesNot() throws Exception {
    Path rule = feed("rule.xml", "Sun, 20 Jul 2025 12:00:00 GMT", "https://example.org/rule", "New licence rule",
        "Nvidia said the US government has told it that exports of its H20 chips to China will require a licence from "
            + "August 15, and it does not expect licences to be granted.");
    Path allowed = feed("allowed.xml", "Fri, 01 Aug 2025 12:00:00 GMT", "https://example.org/allowed", "Licences granted",
        "The Commerce Department on Friday began issuing licences for H20 shipments to China.");
    List<JsonNode> changes = replay(rule.toString(), allowed.toString());
    assertEquals(2, changes.size(), changes.toString());
    assertEquals("ALLOWED", changes.get(0).get("to").asText());
    assertEquals("BANNED", changes.get(1).get("to").asText(), "the rule takes effect after the August 1 licences");
    assertEquals("2025-08-15T00:00:00Z", changes.get(1).get("at").asText());
  }
}
