package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator's rules file adds rules and switches bundled ones off, without a rebuild. */
class OperatorRulesTest {
  private static final Taxonomy TAXONOMY = Taxonomy.load();
  private static final Instant JULY_2025 = Instant.parse("2025-07-20T12:00:00Z");
  private static final String EMBARGO = "The US Commerce Department on Tuesday embargoed sales of Nvidia's H20 to China.";
  private static final String BANNED = "The US Commerce Department on Tuesday banned sales of Nvidia's H20 to China.";

  @TempDir Path dir;

  private static Set<String> events(Tagger tagger, String body) {
    Set<String> out = new TreeSet<>();
    for (PolicyAction e : tagger.tag("", "", body, JULY_2025).events()) {
      out.add(e.type() + " " + String.join(",", e.items()) + " " + e.destination());
    }
    return out;
  }

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("operator-rules.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void addsARuleAndDisablesOne() throws Exception {
    Path file = write("""
        version: 1
        disable: [ban-word-ban]
        rules:
          - id: operator-embargo
            kind: EXPORT_BAN
            confidence: 0.85
            pattern: '\\bembargo(?:es|ed|ing)?\\b'
            flags: [needs-export-context]
            examples:
              positive: [Washington embargoed the accelerators.]
              negative: [The firm is embarking on a new plan.]
          - id: operator-halt-of-sales
            kind: EXPORT_BAN
            confidence: 0.8
            before: ban-no-longer-sell
            pattern: '\\bfreez(?:e|es|ing)\\b {gap2}{sell}'
            examples:
              positive: [The agency will freeze all shipping of the boards.]
              negative: [The agency will freeze hiring.]
        """);
    TriggerLexicon lexicon = TriggerLexicon.with(file);
    List<String> ids = lexicon.ruleIds();
    assertFalse(ids.contains("ban-word-ban"));
    assertEquals("operator-embargo", ids.get(ids.size() - 1));
    assertEquals(ids.indexOf("ban-no-longer-sell") - 1, ids.indexOf("operator-halt-of-sales"));
    assertEquals(TriggerLexicon.bundled().ruleIds().size() + 1, ids.size());

    Tagger bundled = new Tagger(TAXONOMY);
    Tagger operated = new Tagger(TAXONOMY, lexicon);
    // the added rule: an event the bundled rules do not see
    assertEquals(Set.of(), events(bundled, EMBARGO));
    assertEquals(Set.of("EXPORT_BAN nvidia-h20 CN"), events(operated, EMBARGO));
    // the disabled rule: an event the bundled rules see, gone
    assertEquals(Set.of("EXPORT_BAN nvidia-h20 CN"), events(bundled, BANNED));
    assertEquals(Set.of(), events(operated, BANNED));
    // the match says which rule it is
    assertTrue(TriggerRuleExamplesTest.matchesIn(lexicon,
        TextScanner.namesAndCues(new MentionFinder(TAXONOMY.aliases()), lexicon.cues()), EMBARGO)
        .stream().anyMatch(m -> m.ruleId().equals("operator-embargo")));
  }

  @Test
  void refusesUnknownIdsAndDuplicates() throws Exception {
    String m = assertThrows(TriggerRuleException.class,
        () -> TriggerLexicon.with(write("version: 1\ndisable: [ban-word-embargo]\n"))).getMessage();
    assertTrue(m.contains("operator-rules.yaml") && m.contains("rule ban-word-embargo") && m.contains("no bundled rule"), m);

    String duplicate = """
        version: 1
        rules:
          - id: ban-word-ban
            kind: EXPORT_BAN
            confidence: 0.8
            pattern: '\\bembargo\\b'
            examples: {positive: [An embargo.], negative: [An embankment.]}
        """;
    m = assertThrows(TriggerRuleException.class, () -> TriggerLexicon.with(write(duplicate))).getMessage();
    assertTrue(m.contains("rule ban-word-ban") && m.contains("duplicate id"), m);

    m = assertThrows(TriggerRuleException.class,
        () -> TriggerLexicon.with(write(duplicate.replace("id: ban-word-ban", "id: my-embargo\n    before: no-such-rule")))).getMessage();
    assertTrue(m.contains("rule my-embargo") && m.contains("before: no rule no-such-rule"), m);

    m = assertThrows(TriggerRuleException.class,
        () -> TriggerLexicon.with(write(duplicate.replace("id: ban-word-ban", "id: my-embargo").replace("An embankment.", "No embargo.")))).getMessage();
    assertTrue(m.contains("rule my-embargo") && m.contains("negative example \"No embargo.\" is matched"), m);

    m = assertThrows(TriggerRuleException.class, () -> TriggerLexicon.with(write("version: 1\nmacros: {sell: 'sell'}\n"))).getMessage();
    assertTrue(m.contains("macro 'sell' is defined already"), m);

    m = assertThrows(TriggerRuleException.class, () -> TriggerLexicon.with(dir.resolve("missing.yaml"))).getMessage();
    assertTrue(m.contains("missing.yaml") && m.contains("cannot read"), m);
  }

  @Test
  void anEmptyOperatorFileChangesNothing() throws Exception {
    assertEquals(TriggerLexicon.bundled().ruleIds(), TriggerLexicon.with(write("version: 1\n")).ruleIds());
  }
}
