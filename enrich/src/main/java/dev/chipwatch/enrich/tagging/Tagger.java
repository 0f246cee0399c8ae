package dev.chipwatch.enrich.tagging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tags one article: the vendors, chips and countries it names, the government actions on the chip
 * trade it reports as news, and the market values of listed companies it states. Everything is
 * compiled in the constructor; {@link #tag} keeps no state, so one instance serves many threads.
 */
public final class Tagger {
  private final MentionFinder mentions;
  private final TextScanner scanner;
  private final EventExtractor events;
  private final MarketCapExtractor marketCaps;

  /** A tagger with the bundled trigger rules. */
  public Tagger(Taxonomy taxonomy) {
    this(taxonomy, TriggerLexicon.bundled());
  }

  /** A tagger with the trigger rules of a lexicon ({@link TriggerLexicon#with} an operator's file). */
  public Tagger(Taxonomy taxonomy, TriggerLexicon lexicon) {
    this.mentions = new MentionFinder(taxonomy.aliases());
    this.scanner = TextScanner.namesAndCues(mentions, lexicon.cues());
    this.events = new EventExtractor(taxonomy, lexicon);
    this.marketCaps = new MarketCapExtractor(taxonomy);
  }

  /** Tags an article whose publication date is unknown. Text is plain (HTML already removed). */
  public Tags tag(String title, String summary, String content) {
    return tag(title, summary, content, null);
  }

  /**
   * Tags an article; {@code published}, when known, helps tell the article's news from older actions
   * it recalls ("the ban imposed in April" in a July article).
   */
  public Tags tag(String title, String summary, String content, Instant published) {
    return tag(title, summary, content, published, Explanation.NONE);
  }

  /** Tags an article and records in {@code explain} why each candidate event was dropped. */
  public Tags tag(String title, String summary, String content, Instant published, Explanation explain) {
    // first the names in every part, so that a family name used for a person anywhere ("Edward Hopper")
    // is known before the bare uses are read ("paintings by Hopper")
    Set<String> people = new java.util.HashSet<>();
    Segment head = segment(title, true, people);
    Segment lead = segment(summary, false, people);
    Segment body = segment(content, false, people);
    List<Sentence> sentences = new ArrayList<>();
    addSentences(sentences, head, true, people);
    addSentences(sentences, lead, false, people);
    addSentences(sentences, body, false, people);

    Set<String> vendors = new TreeSet<>();
    Set<String> chips = new TreeSet<>();
    Set<String> countries = new TreeSet<>();
    for (Sentence s : sentences) {
      for (Mention m : s.mentions()) {
        switch (m.kind()) {
          case VENDOR -> vendors.add(m.target());
          case CHIP -> {
            chips.add(m.target());
            vendors.add(events.vendorOf(m.target()));
          }
          case COUNTRY, CAPITAL -> countries.add(m.target());
          default -> { }
        }
      }
    }
    return new Tags(
        Collections.unmodifiableSet(vendors),
        Collections.unmodifiableSet(chips),
        Collections.unmodifiableSet(countries),
        events.extract(sentences, published, explain),
        marketCaps.extract(sentences));
  }

  /** One part of the article (title, summary or content), normalised, with its names and cue words. */
  private record Segment(String text, List<int[]> spans, List<Mention> mentions, TextScanner.Found found) {}

  private Segment segment(String raw, boolean isTitle, Set<String> people) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    char[] chars = raw.toCharArray();
    String text = TextNormalizer.normalizeInPlace(chars) ? new String(chars) : raw;
    List<int[]> spans = SentenceSplitter.split(text);
    TextScanner.Found found = scanner.scan(text, chars, spans);
    return new Segment(text, spans, mentions.resolve(text, found.nameCandidates(), isTitle && isTitleCase(text), people), found);
  }

  private static void addSentences(List<Sentence> out, Segment segment, boolean isTitle, Set<String> people) {
    if (segment == null) {
      return;
    }
    String text = segment.text();
    String lower = text.toLowerCase(Locale.ROOT);
    boolean sameLength = lower.length() == text.length(); // a few letters lower-case to two chars ("İ")
    List<int[]> spans = segment.spans();
    List<List<Cues.Hit>> cues = segment.found().cues();
    List<List<Cues.Hit>> anchors = segment.found().anchors();
    List<Mention> found = segment.mentions();
    int m = 0;
    for (int k = 0; k < spans.size(); k++) {
      int[] span = spans.get(k);
      List<Mention> inside = new ArrayList<>();
      while (m < found.size() && found.get(m).start() < span[1]) {
        Mention f = found.get(m++);
        if (f.start() >= span[0] && !MentionFinder.isPersonAgain(text, f, people)) {
          inside.add(new Mention(f.start() - span[0], Math.min(f.end(), span[1]) - span[0], f.alias()));
        }
      }
      String sentence = text.substring(span[0], span[1]);
      // a body that opens by repeating its headline: that line is the headline, not the story's report
      boolean repeatsTitle = !isTitle && k == 0 && !out.isEmpty() && out.get(0).inTitle() && out.get(0).text().equalsIgnoreCase(sentence);
      out.add(new Sentence(out.size(), isTitle || repeatsTitle, sentence,
          sameLength ? lower.substring(span[0], span[1]) : sentence.toLowerCase(Locale.ROOT),
          Collections.unmodifiableList(inside), Cues.of(cues.get(k), anchors.get(k))));
    }
  }

  /** Headlines In Title Case capitalise every word, so a capital says nothing about names. */
  private static boolean isTitleCase(String title) {
    int words = 0;
    int capitalised = 0;
    for (int from = 0, n = title.length(); from <= n; ) {
      int space = title.indexOf(' ', from);
      int end = space < 0 ? n : space;
      if (end - from > 3 && Chars.isLetter(title.charAt(from))) {
        words++;
        if (Character.isUpperCase(title.charAt(from))) {
          capitalised++;
        }
      }
      from = end + 1;
    }
    return words >= 3 && capitalised * 10 >= words * 8;
  }
}
