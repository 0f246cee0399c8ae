package dev.chipwatch.alerts.rules;

import dev.chipwatch.schemas.avro.AlertRule;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import dev.chipwatch.schemas.avro.RuleKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks rules before they reach the {@code alert-rules} topic, so a mistyped subscription is
 * refused with a reason instead of silently never (or always) matching.
 */
public final class RuleValidator {

  static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  static final Pattern TAXONOMY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  static final Pattern RECEIVER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  /** Below this a threshold is almost surely a unit slip ("4" meant $4T). */
  static final double MIN_THRESHOLD_USD = 1e6;
  static final double MAX_THRESHOLD_USD = 1e14;
  static final int MAX_KEYWORD_CHARS = 100;

  private static final Set<String> COUNTRY_CODES = countryCodes();

  /** Problems with one rule, each a sentence naming the rule; empty when the rule is fine. */
  public List<String> problems(AlertRule rule) {
    String name = rule.getId() == null || rule.getId().isBlank() ? "rule without id" : "rule '" + rule.getId() + "'";
    List<String> problems = new ArrayList<>();
    checkFields(rule, problems);
    return problems.stream().map(p -> name + ": " + p).toList();
  }

  /** Problems with a set of rules applied together: each rule's, plus duplicate ids. */
  public List<String> problems(Collection<AlertRule> rules) {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (AlertRule rule : rules) {
      problems.addAll(problems(rule));
      if (rule.getId() != null && !seen.add(rule.getId())) {
        problems.add("rule '" + rule.getId() + "': id used twice");
      }
    }
    return problems;
  }

  /**
   * Problems with receivers the rules name but the configuration does not define: such a rule
   * would raise alerts that no one is ever told about.
   *
   * @param known the configured receiver names (console and alerts.receivers)
   */
  public List<String> unknownReceivers(Collection<AlertRule> rules, Set<String> known) {
    List<String> problems = new ArrayList<>();
    for (AlertRule rule : rules) {
      for (String receiver : rule.getReceivers()) {
        if (receiver != null && !known.contains(receiver)) {
          problems.add("rule '" + rule.getId() + "': receiver '" + receiver + "' is not configured (known: "
              + known.stream().sorted().toList() + ")");
        }
      }
    }
    return problems;
  }

  /** Throws with every reason when any rule is refused: nothing is half-applied. */
  public void check(Collection<AlertRule> rules) throws InvalidRulesException {
    List<String> problems = problems(rules);
    if (!problems.isEmpty()) {
      throw new InvalidRulesException(problems);
    }
  }

  private void checkFields(AlertRule rule, List<String> problems) {
    if (rule.getId() == null || !RULE_ID.matcher(rule.getId()).matches()) {
      problems.add("id must be 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
    }
    RuleKind kind = rule.getKind();
    if (kind == null) {
      problems.add("kind is missing (one of " + RuleFiles.kindNames() + ")");
      return;
    }
    if (rule.getSeverity() == null) {
      problems.add("severity is missing (INFO, WARNING or CRITICAL)");
    }
    if (rule.getReceivers().isEmpty()) {
      problems.add("no receivers: name at least one (e.g. console, or a Slack, email or webhook receiver)");
    }
    for (String receiver : rule.getReceivers()) {
      if (receiver == null || !RECEIVER.matcher(receiver).matches()) {
        problems.add("bad receiver name '" + receiver + "'");
      }
    }

    boolean exportStatus = kind == RuleKind.EXPORT_STATUS;
    boolean marketCap = kind == RuleKind.MARKET_CAP;
    boolean policyEvent = kind == RuleKind.POLICY_EVENT;
    boolean mention = kind == RuleKind.MENTION;

    onlyFor("items", !rule.getItems().isEmpty(), exportStatus || policyEvent || mention, kind, problems);
    onlyFor("destinations", !rule.getDestinations().isEmpty(), exportStatus || policyEvent, kind, problems);
    onlyFor("statuses", !rule.getStatuses().isEmpty(), exportStatus, kind, problems);
    onlyFor("vendors", !rule.getVendors().isEmpty(), marketCap || mention, kind, problems);
    onlyFor("thresholdsUsd", !rule.getThresholdsUsd().isEmpty(), marketCap, kind, problems);
    onlyFor("direction", rule.getDirection() != null, marketCap, kind, problems);
    onlyFor("eventTypes", !rule.getEventTypes().isEmpty(), policyEvent, kind, problems);
    onlyFor("minConfidence", rule.getMinConfidence() != 0.0, policyEvent, kind, problems);
    onlyFor("keywords", !rule.getKeywords().isEmpty(), mention, kind, problems);

    for (String item : rule.getItems()) {
      if (item == null || !("*".equals(item) || TAXONOMY_ID.matcher(item).matches())) {
        problems.add("bad item id '" + item + "' (lowercase taxonomy id such as nvidia-h20, or *)");
      }
    }
    for (String vendor : rule.getVendors()) {
      if (vendor == null || !TAXONOMY_ID.matcher(vendor).matches()) {
        problems.add("bad vendor id '" + vendor + "' (lowercase taxonomy id such as nvidia)");
      }
    }
    for (String destination : rule.getDestinations()) {
      if (destination == null || !("*".equals(destination) || COUNTRY_CODES.contains(destination))) {
        problems.add("bad destination code '" + destination
            + "' (ISO 3166-1 alpha-2 in capitals such as CN, or EU, or *)");
      }
    }
    if (rule.getStatuses().contains(ExportStatusValue.UNKNOWN)) {
      problems.add("status UNKNOWN can never be a change's target (ALLOWED, RESTRICTED or BANNED)");
    }
    for (Double threshold : rule.getThresholdsUsd()) {
      checkThreshold(threshold, problems);
    }
    double confidence = rule.getMinConfidence();
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      problems.add("minConfidence " + confidence + " is outside 0..1");
    }
    for (String keyword : rule.getKeywords()) {
      if (keyword == null || keyword.isBlank()) {
        problems.add("empty keyword");
      } else if (keyword.length() > MAX_KEYWORD_CHARS) {
        problems.add("keyword longer than " + MAX_KEYWORD_CHARS + " characters");
      }
    }
    if (mention && rule.getVendors().isEmpty() && rule.getItems().isEmpty() && rule.getKeywords().isEmpty()) {
      problems.add("a MENTION rule needs vendors, items or keywords to watch");
    }
  }

  private static void checkThreshold(Double threshold, List<String> problems) {
    if (threshold == null || !Double.isFinite(threshold) || threshold <= 0) {
      problems.add("bad threshold " + threshold + ": must be a positive amount of US dollars");
    } else if (threshold < MIN_THRESHOLD_USD) {
      problems.add("bad threshold " + AlertIds.canonicalNumber(threshold)
          + " USD: implausibly small; write whole dollars such as 4e12 or \"4T\"");
    } else if (threshold > MAX_THRESHOLD_USD) {
      problems.add("bad threshold " + DisplayNames.usd(threshold) + ": above "
          + DisplayNames.usd(MAX_THRESHOLD_USD) + ", no company is worth that");
    }
  }

  private static void onlyFor(String field, boolean present, boolean applies, RuleKind kind,
      List<String> problems) {
    if (present && !applies) {
      problems.add("field '" + field + "' does not apply to " + kind + " rules");
    }
  }

  private static Set<String> countryCodes() {
    Set<String> codes = new HashSet<>(Set.of(Locale.getISOCountries()));
    codes.add("EU");
    return Set.copyOf(codes);
  }
}
