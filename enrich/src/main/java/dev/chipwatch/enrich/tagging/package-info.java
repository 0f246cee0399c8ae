/**
 * Tagging of AI-chip news: which vendors, chips and countries an article names, which government
 * actions on the chip trade it reports as news, and which listed companies' market values it states.
 *
 * <p>Entry points: {@link dev.chipwatch.enrich.tagging.Taxonomy#load()} (or {@code load(Path)} with an
 * operator extension file) and {@link dev.chipwatch.enrich.tagging.Tagger}. One {@code Tagger} serves
 * all threads. Prefer {@code tag(title, summary, content, published)} when the article's date is
 * known: it tells the article's news from older actions recalled with a month ("the halt imposed in
 * April") more reliably than the three-argument form, which assumes any dated action is background
 * unless its clause says "on Tuesday".
 *
 * <p>How it works, in order:
 * <ol>
 *   <li>{@code SentenceSplitter}, then {@code TextScanner}: one Aho-Corasick scan per part of the
 *       article (anchored at word starts) for all taxonomy names and all {@code Cues} words — the
 *       hedge, negation, recap, news-time and value words of {@code rules/cues.yaml} ({@code
 *       CueRules}) plus the words that can start a trigger phrase — the cue words assigned to their
 *       sentences as they are found.
 *   <li>{@code MentionFinder}: of the names found, whole words only, per-alias case rules, longest
 *       match wins, look-alike phrases hide the names inside them; then context rules for people's
 *       names and capitals used as places. {@code NameMatcher} runs this step alone.
 *   <li>{@code EventExtractor}: trigger phrases ({@code TriggerLexicon}: the rules of
 *       {@code rules/triggers.yaml}, optionally changed by an operator file), each tried only where
 *       its anchor word stands and the words its pattern needs ({@code RegexPrerequisites}) are present; {@code Modality} decides decided-news vs hedged, negated or background;
 *       {@code ItemFinder} and {@code PlaceFinder} give the items and destinations; events of one kind
 *       and destination merge across sentences.
 *   <li>{@code MarketCapExtractor}: dollar sums tied to value phrases and bound to the company the
 *       phrase is about.
 * </ol>
 */
package dev.chipwatch.enrich.tagging;
