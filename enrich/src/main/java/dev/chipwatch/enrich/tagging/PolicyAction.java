package dev.chipwatch.enrich.tagging;

import java.time.Instant;
import java.util.List;

/**
 * One event the article reports as happened or decided.
 *
 * @param items chip, family or vendor ids, or material names for materials bans; may be empty
 * @param destination ISO 3166-1 alpha-2 code, "EU", or "*" for everywhere
 * @param evidence the sentence that carries the event
 * @param confidence 0..1, how sure the extractor is that this is news and decided
 * @param effective when the action takes effect, when the article dates it ("on July 14", "takes effect
 *     on 15 May": then after the article); null when it takes effect at the article's time
 * @param rules the ids of the trigger rules that found it (rules/triggers.yaml), strongest first
 * @param cues the modality cue words that bore on it in its sentence ("speech:said", "news-time:on tuesday")
 */
public record PolicyAction(EventKind type, List<String> items, String destination, String evidence, double confidence,
    Instant effective, List<String> rules, List<String> cues) {}
