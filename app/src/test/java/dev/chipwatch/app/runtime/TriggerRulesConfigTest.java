package dev.chipwatch.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.config.ConfigException;
import dev.chipwatch.app.config.ConfigLoader;
import dev.chipwatch.enrich.tagging.TriggerLexicon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** enrich.rulesFile: an operator's trigger rules, applied at start; a bad one stops it naming the rule. */
class TriggerRulesConfigTest {
  @TempDir Path dir;

  @Test
  void noFileMeansTheBundledRules() {
    assertSame(TriggerLexicon.bundled(), ConfiguredParts.triggerLexicon(load(Map.of())));
  }

  @Test
  void theFileDisablesAndAdds() throws Exception {
    Path file = dir.resolve("triggers.yaml");
    Files.writeString(file, """
        version: 1
        disable: [ban-word-ban]
        rules:
          - id: embargo-word
            kind: EXPORT_BAN
            confidence: 0.85
            pattern: '\\bembargo(?:es|ed|ing)?\\b'
            flags: [needs-export-context]
            examples: {positive: [The US embargoed the accelerators.], negative: [The firm is embarking on a plan.]}
        """);
    TriggerLexicon lexicon = ConfiguredParts.triggerLexicon(load(Map.of("enrich.rulesFile", file.toString())));
    assertTrue(lexicon.ruleIds().contains("embargo-word"));
    assertFalse(lexicon.ruleIds().contains("ban-word-ban"));

    Files.writeString(file, "version: 1\ndisable: [ban-word-embargo]\n");
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfiguredParts.triggerLexicon(load(Map.of("enrich.rulesFile", file.toString()))));
    assertTrue(e.getMessage().startsWith("enrich.rulesFile: ") && e.getMessage().contains("rule ban-word-embargo"), e.getMessage());
    assertEquals("CHIPWATCH_ENRICH_RULES_FILE", ConfigLoader.envName("enrich.rulesFile"));
  }

  private ChipwatchConfig load(Map<String, String> overrides) {
    return new ConfigLoader().load(null, Map.of(), overrides);
  }
}
