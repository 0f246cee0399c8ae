package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules files that cannot be used are refused, each message naming the file, the rule id and the problem. */
class TriggerRulesLoaderTest {
  private static final String GOOD_RULE = """
        - id: embargo-word
          kind: EXPORT_BAN
          confidence: 0.8
          pattern: '\\bembargo(?:es|ed)?\\b'
          examples:
            positive: [The US embargoed the accelerators.]
            negative: [The firm is embarking on a new plan.]
      """;

  private static TriggerLexicon load(String yaml) {
    return TriggerLexicon.of(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
  }

  private static String refusal(String yaml) {
    return assertThrows(TriggerRuleException.class, () -> load(yaml)).getMessage();
  }

  private static String file(String rules) {
    return "version: 1\nmacros:\n  sell: '(?:sell|ship)'\nrules:\n" + rules;
  }

  /** One rule whose fields are the good rule's, with one line replaced. */
  private static String ruleWith(String key, String line) {
    StringBuilder sb = new StringBuilder();
    for (String l : GOOD_RULE.split("\n")) {
      sb.append(l.strip().startsWith(key + ":") || l.strip().startsWith("- " + key + ":")
          ? l.substring(0, l.indexOf(key)) + line : l).append('\n');
    }
    return sb.toString();
  }

  @Test
  void aGoodFileLoads() {
    TriggerLexicon lexicon = load(file(GOOD_RULE));
    assertEquals(List.of("embargo-word"), lexicon.ruleIds());
    assertEquals(EventKind.EXPORT_BAN, lexicon.triggers().get(0).kind());
    assertEquals(0.8, lexicon.triggers().get(0).base());
  }

  @Test
  void refusesAnUnknownKind() {
    String m = refusal(file(ruleWith("kind", "kind: EXPORT_EMBARGO")));
    assertTrue(m.contains("test.yaml") && m.contains("rule embargo-word") && m.contains("unknown kind \"EXPORT_EMBARGO\""), m);
    m = refusal(file(ruleWith("kind", "kind: MATERIALS_EXPORT_BAN")));
    assertTrue(m.contains("rule embargo-word") && m.contains("unknown kind"), m);
  }

  @Test
  void refusesABadRegex() {
    String m = refusal(file(ruleWith("pattern", "pattern: '\\bembargo(?:es|ed\\b'")));
    assertTrue(m.contains("rule embargo-word") && m.contains("bad regex"), m);
  }

  @Test
  void refusesAnUnknownMacro() {
    String m = refusal(file(ruleWith("pattern", "pattern: '\\bembargo {gap2}{seller}'")));
    assertTrue(m.contains("rule embargo-word") && m.contains("unknown macro {seller}"), m);
  }

  @Test
  void refusesAnUnknownFlag() {
    String m = refusal(file(GOOD_RULE + "    flags: [needs-items, is-a-ban]\n"));
    assertTrue(m.contains("rule embargo-word") && m.contains("unknown flag \"is-a-ban\""), m);
  }

  @Test
  void refusesADuplicateId() {
    String m = refusal(file(GOOD_RULE + GOOD_RULE));
    assertTrue(m.contains("rule embargo-word") && m.contains("duplicate id"), m);
  }

  @Test
  void refusesAPositiveExampleThePatternMisses() {
    String m = refusal(file(ruleWith("positive", "positive: [The US put an export freeze on the accelerators.]")));
    assertTrue(m.contains("rule embargo-word") && m.contains("positive example \"The US put an export freeze on the accelerators.\" is not matched"), m);
  }

  @Test
  void refusesANegativeExampleThePatternFinds() {
    String m = refusal(file(ruleWith("negative", "negative: [An embargo is not on the table.]")));
    assertTrue(m.contains("rule embargo-word") && m.contains("negative example \"An embargo is not on the table.\" is matched"), m);
  }

  @Test
  void refusesAPositiveTheTaggerWouldNotFind() {
    // found by find(), but the match starts inside a word, where the tagger never tries the pattern
    String m = refusal(file(ruleWith("pattern", "pattern: 'embargo(?:es|ed)?\\b'")
        .replace("[The US embargoed the accelerators.]", "[The US preembargoed the accelerators.]")));
    assertTrue(m.contains("rule embargo-word") && m.contains("the tagger would miss it"), m);
  }

  @Test
  void refusesRulesWithoutExamples() {
    String m = refusal(file(ruleWith("negative", "negative: []")));
    assertTrue(m.contains("rule embargo-word") && m.contains("examples.negative: at least one sentence"), m);
    m = refusal(file(ruleWith("examples", "examples: {}").replaceAll("(?m)^ *(positive|negative):.*\\n", "")));
    assertTrue(m.contains("rule embargo-word") && m.contains("examples.positive: at least one sentence"), m);
  }

  @Test
  void refusesBadConfidenceIdsKeysAndVersions() {
    String m = refusal(file(ruleWith("confidence", "confidence: 1.5")));
    assertTrue(m.contains("rule embargo-word") && m.contains("confidence"), m);
    m = refusal(file(ruleWith("id", "id: Embargo_Word")));
    assertTrue(m.contains("rule #1") && m.contains("kebab-case"), m);
    m = refusal(file(GOOD_RULE + "    severity: high\n"));
    assertTrue(m.contains("rule embargo-word") && m.contains("unknown key 'severity'"), m);
    m = refusal(file(GOOD_RULE + "    before: ban-word-ban\n"));
    assertTrue(m.contains("rule embargo-word") && m.contains("unknown key 'before'"), m); // only in operator files
    m = refusal(file(GOOD_RULE).replace("version: 1", "version: 2"));
    assertTrue(m.contains("test.yaml") && m.contains("version must be 1"), m);
    m = refusal(file(GOOD_RULE) + "disable: [ban-word-ban]\n");
    assertTrue(m.contains("unknown key 'disable'"), m); // only in operator files
    m = refusal("version: 1\nrules: [\n");
    assertTrue(m.contains("test.yaml") && m.contains("not valid YAML"), m);
  }

  @Test
  void theBundledFileLoads() {
    TriggerLexicon bundled = TriggerLexicon.bundled();
    assertTrue(bundled.ruleIds().size() >= 40, "rules: " + bundled.ruleIds().size());
    assertEquals("import-told-to-stop-buying", bundled.ruleIds().get(0)); // import restrictions first
    for (Trigger t : bundled.triggers()) {
      assertEquals(t.requires(), RegexPrerequisites.of(t.pattern().pattern()), t.id());
    }
  }
}
