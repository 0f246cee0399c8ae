package dev.chipwatch.bench;

import dev.chipwatch.enrich.tagging.NameMatcher;
import dev.chipwatch.enrich.tagging.Tagger;
import dev.chipwatch.enrich.tagging.Taxonomy;
import dev.chipwatch.ingest.feed.FeedItem;
import dev.chipwatch.ingest.feed.FeedParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Tagger throughput on real article text (the dev set and the project's own labelled set), one
 * thread: the full tag step and its name-matching step alone, against a baseline of one
 * java.util.regex alternation over the same names. Each operation reads the whole corpus once;
 * MB/s = ops/s × the corpus bytes printed at setup / 1e6.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class TaggerBenchmark {
  /**
   * A directory of labelled feeds (short articles dense with events), or {@value #NEWS_5KB}: the 5 KB
   * articles of {@code chipwatch bench enrich} (one export event each, the rest ordinary news).
   */
  @Param({"enrich/src/test/resources/eval", NEWS_5KB})
  public String corpusDir;

  static final String NEWS_5KB = "news-5kb";

  private List<String[]> articles;
  private Tagger tagger;
  private NameMatcher names;
  private Pattern alternation;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Taxonomy taxonomy = Taxonomy.load();
    tagger = new Tagger(taxonomy);
    names = new NameMatcher(taxonomy);
    alternation = Pattern.compile(taxonomy.names().stream()
        .sorted((a, b) -> b.length() - a.length())
        .map(Pattern::quote)
        .collect(Collectors.joining("|", "\\b(?:", ")\\b")), Pattern.CASE_INSENSITIVE);
    articles = new ArrayList<>();
    if (corpusDir.equals(NEWS_5KB)) {
      for (String text : dev.chipwatch.app.bench.EnrichBenchmark.sampleTexts(false)) {
        articles.add(new String[] {"", "", text});
      }
      report();
      return;
    }
    FeedParser parser = new FeedParser();
    try (Stream<Path> files = Files.walk(Path.of(corpusDir))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
        for (FeedItem item : parser.parse(Files.readAllBytes(file), null, Instant.now()).items()) {
          articles.add(new String[] {item.title(), item.summary(), item.content()});
        }
      }
    } catch (dev.chipwatch.ingest.feed.FeedException e) {
      throw new UncheckedIOException(new IOException(e));
    }
    report();
  }

  private void report() {
    long bytes = articles.stream().mapToLong(a -> (a[0] + a[1] + a[2]).getBytes(StandardCharsets.UTF_8).length).sum();
    System.out.printf("%ncorpus: %d articles, %d bytes of text%n", articles.size(), bytes);
  }

  @Benchmark
  public void fullTagStep(Blackhole hole) {
    for (String[] a : articles) {
      hole.consume(tagger.tag(a[0], a[1], a[2]));
    }
  }

  /**
   * The tagger's name matcher alone over the same names as the baseline (and doing more: case rules,
   * longest match, people and places left out).
   */
  @Benchmark
  public void nameMatching(Blackhole hole) {
    for (String[] a : articles) {
      for (String text : a) {
        hole.consume(names.find(text));
      }
    }
  }

  @Benchmark
  public void regexAlternationBaseline(Blackhole hole) {
    for (String[] a : articles) {
      int found = 0;
      for (String text : a) {
        Matcher m = alternation.matcher(text);
        while (m.find()) {
          found++;
        }
      }
      hole.consume(found);
    }
  }
}
