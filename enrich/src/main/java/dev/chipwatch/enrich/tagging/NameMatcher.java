package dev.chipwatch.enrich.tagging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The tagger's name matching on its own: the taxonomy ids a text names, in order (one automaton
 * scan, whole words, case rules, longest match, people and places left out). The tagger runs the
 * same matcher with its cue words added to the one scan; this one serves diagnostics and the
 * comparison with a regular-expression alternation over the same names.
 */
public final class NameMatcher {
  private final MentionFinder mentions;
  private final TextScanner scanner;

  public NameMatcher(Taxonomy taxonomy) {
    this.mentions = new MentionFinder(taxonomy.aliases());
    this.scanner = TextScanner.namesOnly(mentions);
  }

  public List<String> find(String text) {
    char[] chars = text.toCharArray();
    String normal = TextNormalizer.normalizeInPlace(chars) ? new String(chars) : text;
    List<Mention> found = mentions.resolve(normal, scanner.scan(normal, chars, List.of()).nameCandidates(), false, new HashSet<>());
    List<String> out = new ArrayList<>(found.size());
    for (Mention m : found) {
      if (m.target() != null) {
        out.add(m.target());
      }
    }
    return out;
  }
}
