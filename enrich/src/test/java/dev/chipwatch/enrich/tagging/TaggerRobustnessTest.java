package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Odd input never throws, sentences split where they should, and one tagger serves many threads. */
class TaggerRobustnessTest {
  private static final Tagger TAGGER = new Tagger(Taxonomy.load());

  @Test
  void oddInputIsTaggedWithoutErrors() {
    List<String> odd = List.of("", " ", "$", "$ trillion", "in May", "U.S.", "...", "(", ")", "'s", "-based",
        "H20s", "The", "Ascend", "Nvidia's", "$4tn (", "600 billion yuan (", "on 12", "banned", "licence",
        "\u4e2d\u56fd\u7981\u6b62\u51fa\u53e3", "\uD83D\uDE80 Nvidia \uD83D\uDE80", "a".repeat(10_000));
    for (String s : odd) {
      Tags t = TAGGER.tag(s, s, s);
      assertTrue(t.vendors() != null && t.events() != null, s);
    }
    assertEquals(java.util.Set.of(), TAGGER.tag(null, null, null).vendors());
    Random random = new Random(7);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:'\"()$%-\u2019\u00e9\u4e2d";
    for (int n = 0; n < 300; n++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(400);
      for (int i = 0; i < len; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      TAGGER.tag(sb.toString(), "", sb + " Nvidia banned H20 exports to China on Monday for $4 trillion.");
    }
  }

  @Test
  void sentencesSplitAfterFullStopsNotAbbreviations() {
    assertEquals(2, SentenceSplitter.split("The U.S. Commerce Department acted. Mr. Huang spoke.").size());
    assertEquals(2, SentenceSplitter.split("Chairman C.C. Wei said demand was real. Shares rose 3.5% on Monday.").size());
    assertEquals(1, SentenceSplitter.split("It fell 2.5% to $3.9 trillion").size());
  }

  @Test
  void oneTaggerManyThreads() throws Exception {
    List<String> texts = List.of(
        "The US Commerce Department on Tuesday banned exports of Nvidia's H20 to China.",
        "Nvidia's market value rose to about $3.9 trillion on Thursday.",
        "China's commerce ministry on Tuesday banned exports of gallium to the United States.",
        "Officials are considering a ban on H20 sales to China.");
    List<Tags> expected = new ArrayList<>();
    for (String t : texts) expected.add(TAGGER.tag("", "", t));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int n = 0; n < 16; n++) {
        results.add(pool.submit(() -> {
          for (int r = 0; r < 200; r++) {
            for (int i = 0; i < texts.size(); i++) {
              if (!TAGGER.tag("", "", texts.get(i)).equals(expected.get(i))) {
                return false;
              }
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
