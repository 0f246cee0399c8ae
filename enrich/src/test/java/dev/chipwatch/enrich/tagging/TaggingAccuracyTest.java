package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chipwatch.ingest.feed.FeedItem;
import dev.chipwatch.ingest.feed.FeedParser;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the tagger over labelled feeds and scores it as eval/score.py does. Fails below the bars:
 * vendors, chips, countries F1 >= 0.97, events F1 >= 0.85, market caps F1 >= 0.90.
 */
class TaggingAccuracyTest {
  private static final Map<String, Double> BARS = Map.of(
      "vendors", 0.97, "chips", 0.97, "countries", 0.97, "events", 0.85, "marketCaps", 0.90);
  private static final Tagger TAGGER = new Tagger(Taxonomy.load());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void devSetMeetsTheBars() throws Exception {
    assertMeetsBars("dev");
  }

  @Test
  void ownSetMeetsTheBars() throws Exception {
    assertMeetsBars("own");
  }

  @Test
  void heldOutSetMeetsTheBars() throws Exception {
    assertMeetsBars("holdout");
  }

  private static void assertMeetsBars(String set) throws Exception {
    TagScorer withDates = score(set, true);
    TagScorer withoutDates = score(set, false);
    System.out.println("== " + set + " set, tagged with publication dates");
    System.out.print(withDates.table());
    System.out.println("== " + set + " set, tagged without dates (3-argument tag)");
    System.out.print(withoutDates.table());
    System.out.println("differences (with dates):");
    withDates.differences.forEach(d -> System.out.println("   " + d));
    System.out.println("differences only without dates:");
    withoutDates.differences.stream().filter(d -> !withDates.differences.contains(d)).forEach(d -> System.out.println("   " + d));
    assertFalse(withDates.articles == 0, "no labelled articles in " + set);
    assertTrue(withDates.missing == 0, withDates.missing + " labelled articles not found in the feeds");
    assertAll(BARS.entrySet().stream().map(bar -> () -> {
      double f1 = withDates.counts.get(bar.getKey()).f1();
      assertTrue(f1 >= bar.getValue(),
          set + " " + bar.getKey() + " F1 " + String.format("%.3f", f1) + " below " + bar.getValue());
    }));
  }

  static TagScorer score(String set, boolean useDates) throws Exception {
    Path dir = resourceDir("eval/" + set);
    Map<String, Tags> byLink = new HashMap<>();
    List<Path> feeds;
    try (Stream<Path> files = Files.list(dir)) {
      feeds = files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
    FeedParser parser = new FeedParser();
    for (Path feed : feeds) {
      for (FeedItem item : parser.parse(Files.readAllBytes(feed), "application/xml", Instant.parse("2030-01-01T00:00:00Z")).items()) {
        Instant published = useDates && !item.publishedFallback() ? item.published() : null;
        byLink.put(item.link(), TAGGER.tag(item.title(), item.summary(), item.content(), published));
      }
    }
    TagScorer scorer = new TagScorer();
    for (String line : Files.readAllLines(dir.resolve("expected-tags.jsonl"))) {
      if (line.isBlank() || !line.strip().startsWith("{")) {
        continue;
      }
      JsonNode expected = JSON.readTree(line);
      scorer.add(expected, byLink.get(expected.get("link").asText()));
    }
    return scorer;
  }

  private static Path resourceDir(String name) throws URISyntaxException {
    var url = TaggingAccuracyTest.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException("test resource " + name + " is missing");
    }
    return Path.of(url.toURI());
  }
}
