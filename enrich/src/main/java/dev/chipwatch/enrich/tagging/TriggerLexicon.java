package dev.chipwatch.enrich.tagging;

import static dev.chipwatch.enrich.tagging.EventKind.ENTITY_LIST;
import static dev.chipwatch.enrich.tagging.EventKind.EXPORT_ALLOWED;
import static dev.chipwatch.enrich.tagging.EventKind.EXPORT_BAN;
import static dev.chipwatch.enrich.tagging.EventKind.EXPORT_LICENSE_REQUIRED;
import static dev.chipwatch.enrich.tagging.EventKind.IMPORT_RESTRICTION;
import static dev.chipwatch.enrich.tagging.EventKind.TARIFF;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The phrases that report government actions on the chip trade, as patterns over a lower-cased
 * sentence. Materials curbs are recognised separately (a material name plus an export curb).
 */
final class TriggerLexicon {
  /** A trigger found in a sentence at [start, end). */
  record Match(Trigger trigger, int start, int end) {
    EventKind kind() {
      return trigger.kind();
    }

    boolean inside(Match other) {
      return other != this && other.start <= start && end <= other.end && (other.end - other.start) > (end - start);
    }
  }

  /** Up to n words, lazily: the gap inside a phrase such as "lift [the 2023] ban". */
  private static String gap(int n) {
    return "(?:[\\w'$%.-]+,? ){0," + n + "}?";
  }
  private static final String LICENCE = "licen[cs](?:e|es|ing)";
  private static final String SELL = "(?:sell|sold|selling|export|exported|exporting|ship|shipped|shipping|supply|supplied|supplying|deliver|delivered)";


  private static final List<Trigger> TRIGGERS = new ArrayList<>();

  static {
    // import restrictions first: "barred ... from buying" is not an export ban
    add(Trigger.of(IMPORT_RESTRICTION, 0.85,
        "\\b(?:told|tells?|telling|urged|urges?|urging|ordered|orders?|ordering|instructed|instructs?|directed|directs?|"
            + "asked|asks?|advised|advises?|pressed|press(?:es)?|requir(?:ed|es|ing)|notices?|guidance|called on|warned|"
            + "discourag(?:ed|es|ing|e))\\b"
            + ".{0,120}?\\b(?:stop|halt|avoid|cancel|suspend|cease|pause|refrain from|not to|shun|reduce|limit)\\b"
            + ".{0,40}?\\b(?:buy|buying|purchas\\w*|us(?:e|ing)|order(?:s|ing)?|procur\\w*|imports?|importing|acquir\\w*|deploy\\w*)\\b").requiring("stop", "halt", "avoid", "cancel", "suspend", "cease", "pause", "refrain", "not to", "shun", "reduce", "limit").requiring("buy", "purchas", "use", "using", "order", "procur", "import", "acquir", "deploy"));
    add(Trigger.of(IMPORT_RESTRICTION, 0.85,
        "\\b(?:ban|bans|banned|banning|bar|bars|barred|barring|prohibit\\w*|forbid\\w*|forbade|block\\w*|restrict\\w*|discourag\\w*)\\b"
            + ".{0,80}?\\bfrom (?:buying|purchasing|using|importing|ordering|acquiring|deploying|procuring)\\b").requiring(" from "));
    add(Trigger.of(IMPORT_RESTRICTION, 0.8,
        "\\b(?:ban|bans|banned|banning|barred|bars|prohibit\\w*|exclud\\w*|remov\\w*|phas\\w* out)\\b .{0,40}?"
            + "\\b(?:foreign|imported|us|u\\.s\\.|american|overseas|nvidia)\\b .{0,30}?\\b(?:chips?|processors?|semiconductors?|gpus?|accelerators?)\\b"
            + ".{0,60}?\\b(?:data cent(?:re|er)s?|state|government|critical infrastructure|public|procurement)").requiring("data cent", "state", "government", "critical", "public", "procurement"));
    add(Trigger.of(IMPORT_RESTRICTION, 0.8,
        "\\b(?:told|tells?|ordered|orders?|instructed|directed|required|requires|asked|urged|pressed|guidelines|guidance|directive|introduced|issued)\\b"
            + " .{0,100}?\\b(?:phase|phasing|rip|ripping|swap|swapping) out "
            + "(?:[\\w-]+ ){0,3}?(?:chips|processors|microprocessors|semiconductors|gpus|cpus|accelerators|hardware|equipment)\\b").requiring(" out "));
    add(Trigger.of(IMPORT_RESTRICTION, 0.8,
        "\\b(?:ban|bans|banned|block|blocks|blocked|bar|bars|barred|exclud\\w*|remov\\w*)\\b .{0,60}?\\b(?:chips?|processors?|microprocessors?|"
            + "semiconductors?|gpus?|cpus?) from (?:government|state|official|public|critical)\\b").requiring(" from "));
    add(Trigger.of(IMPORT_RESTRICTION, 0.8,
        "\\bimport (?:ban|restrictions?|curbs?)\\b|\\b(?:ban|bans|banned|banning|halt\\w*|restrict\\w*|suspend\\w*|block\\w*) "
            + gap(3) + "imports\\b").requiring("import"));

    add(Trigger.of(ENTITY_LIST, 0.9,
        "\\b(?:add|adds|added|adding|place[sd]?|placing|put|puts|putting|includ\\w*|designat\\w*)\\b.{0,160}?\\b(?:to|on) (?:its|the|an|a|their|us|the us|washington's|america's|its own)? ?(?:\\w+ ){0,2}"
            + "(?:entity list|entities list|list of entities|export control list|export blacklist|trade blacklist|blacklist|black list)").requiring("list").requiring("entity list", "entities list", "list of entities", "control list", "blacklist", "black list"));
    add(Trigger.of(ENTITY_LIST, 0.8, "(?<=\\b(?:the|new) )(?:list|listings|additions) (?:also )?includ(?:e|es|ed)\\b").requiring("list", "addition"));
    add(Trigger.of(ENTITY_LIST, 0.85, "\\bblacklist(?:s|ed|ing)\\b"));
    add(Trigger.of(ENTITY_LIST, 0.8,
        "\\b(?:extend\\w*|appl(?:y|ies|ied|ying)|expand\\w*|widen\\w*) (?:[\\w-]+ ){0,3}?(?:entity list|entities list|export blacklist|trade blacklist|blacklist)\\b")
        .requiring("entity list", "entities list", "blacklist"));

    add(Trigger.of(TARIFF, 0.85,
        "\\b(?:impos\\w*|rais(?:e|es|ed|ing)|doubl\\w*|tripl\\w*|quadrupl\\w*|hik(?:e|es|ed|ing)|increas\\w*|sets?|slap\\w*|"
            + "announc\\w*|levied|levies|levy|cuts?|lower\\w*|reduc\\w*|exempt\\w*|lift\\w*|scrap\\w*|suspend\\w*|paus\\w*|extend\\w*|"
            + "put|puts|introduc\\w*|unveil\\w*)\\b " + gap(8) + "(?:tariffs?|duty|duties|levy|levies)\\b").requiring("tariff", "dut", "lev"));
    add(Trigger.of(TARIFF, 0.85,
        "\\b(?:tariffs?|duty|duties|levy|levies)\\b " + gap(8)
            + "(?:took|take|takes|went|go|goes|came|come|comes) (?:into |in )?effect\\b").requiring("effect"));

    add(Trigger.of(EXPORT_LICENSE_REQUIRED, 0.85, "\\b" + LICENCE + " requirements?\\b|\\blicensing requirements?\\b"));
    add(Trigger.of(EXPORT_LICENSE_REQUIRED, 0.85,
        "\\b(?:require|requires|required|requiring|need|needs|needed|needing|must (?:obtain|get|have|seek))\\b "
            + "(?:[\\w.-]+ ){0,4}?(?:" + LICENCE + "|permits?)\\b").requiring("licen", "permit"));
    add(Trigger.of(EXPORT_LICENSE_REQUIRED, 0.85,
        "(?<=\\b(?:to|must|will have to|would have to|will need to|need to|needs to|required to) )(?:obtain|get|seek|secure) "
            + "(?:(?:a|an|export|special|government|us|u\\.s\\.|new|individual|the) ){0,3}" + LICENCE + "\\b"));
    add(Trigger.of(EXPORT_LICENSE_REQUIRED, 0.8, "\\bwithout (?:[\\w-]+ ){0,2}?" + LICENCE + "\\b").asWithoutLicence());
    // a waiver or authorisation withdrawn: shipments need licences again
    add(Trigger.of(EXPORT_LICENSE_REQUIRED, 0.8,
        "\\b(?:revok\\w*|withdr[ae]w\\w*|cancel\\w*|rescind\\w*|end(?:s|ed|ing)?|scrap\\w*) (?:[\\w-]+ ){0,3}?(?:waivers?|authori[sz]ations?|exemptions?)\\b")
        .requiring("waiver", "authoris", "authoriz", "exemption"));
    add(Trigger.of(EXPORT_LICENSE_REQUIRED, 0.8,
        "\\bunless (?:(?:a|an|export|special|government|us) ){0,2}" + LICENCE + " (?:is|has been|was) (?:obtained|granted|issued)\\b").asWithoutLicence());
    add(Trigger.of(EXPORT_LICENSE_REQUIRED, 0.8, "\\b" + LICENCE + " (?:rule|regime|obligation)s?\\b|\\bsubject to (?:a |an )?(?:export )?" + LICENCE + "\\b"));
    add(Trigger.of(EXPORT_LICENSE_REQUIRED, 0.75, "\\b(?:same|new) requirement (?:also )?(?:covers|applies)\\b"));
    add(Trigger.of(EXPORT_LICENSE_REQUIRED, 0.7,
        "\\b(?:require|requires|required|need|needs|needed)\\b (?:(?:a|an|government|us|u\\.s\\.|official|washington's|prior|export) ){0,3}"
            + "(?:approval|permission|authori[sz]ation)\\b (?:to|for|before) (?:\\w+ ){0,3}" + SELL).requiring("approval", "permission", "authori"));

    add(Trigger.of(EXPORT_ALLOWED, 0.9,
        "\\b(?:began|begin|begins|started|starts?|resumed|resumes?) (?:issuing|granting|approving) (?:(?:export|the|some|new) ){0,2}" + LICENCE + "\\b"));
    add(Trigger.of(EXPORT_ALLOWED, 0.85,
        "\\b(?:issu|grant|approv)(?:ed|es|ing|s)?\\b (?:[\\w-]+ ){0,5}?(?:" + LICENCE + "|waivers?|exemptions?|authori[sz]ations?)\\b").requiring("licen", "waiver", "exemption", "authori"));
    add(Trigger.of(EXPORT_ALLOWED, 0.8,
        "\\b(?:secur(?:ed|es|ing)|won|wins?|winning|obtain(?:ed|s)|receiv(?:ed|es)|got|gets)\\b (?:(?:the|its|their|us|u\\.s\\.|export|first|new|necessary) ){0,3}"
            + LICENCE + " (?:to|for) (?:\\w+ ){0,2}?" + SELL + "\\b"));
    add(Trigger.of(EXPORT_ALLOWED, 0.85,
        "\\b" + LICENCE + "\\b " + gap(3)
            + "(?:will be|would be|were|was|have been|has been|had been|are being|being|to be|are|is|got|get|gets) (?:now |all |quickly |soon )?(?:granted|issued|approved)\\b").requiring("granted", "issued", "approved"));
    add(Trigger.of(EXPORT_ALLOWED, 0.8,
        "\\b(?:grant\\w*|approv\\w*|authori[sz]\\w*)\\b (?:(?:the|its|their|export|some|several|new|first|a|an|of|for) ){0,3}(?:sales?|exports?|shipments?|applications)\\b").requiring("sale", "export", "shipment", "applications"));
    add(Trigger.of(EXPORT_ALLOWED, 0.85,
        "\\b(?:lift|lifted|lifts|lifting|ease|eased|eases|easing|scrap|scrapped|scraps|rescind\\w*|revok\\w*|revers\\w*|"
            + "remov\\w*|drop|dropped|drops|end|ended|ends|relax\\w*|overturn\\w*|roll\\w* back)\\b " + gap(4)
            + "(?:ban|bans|restrictions?|curbs?|" + LICENCE + " requirements?|halt|prohibition|export controls)\\b").asReversal().requiring("ban", "restriction", "curb", "licen", "halt", "prohibition", "controls"));
    // the passive: "the ban on sales of chip design software to China was lifted"
    add(Trigger.of(EXPORT_ALLOWED, 0.85,
        "\\b(?:ban|bans|restrictions?|curbs?|controls|" + LICENCE + " requirements?|halt|prohibition)\\b .{0,80}?\\b(?:was|were|has been|have been|"
            + "had been|will be|is being|are being) (?:formally |partially |fully |now )?(?:lifted|eased|scrapped|rescinded|removed|revoked|"
            + "reversed|relaxed|dropped|ended|withdrawn)\\b").asReversal()
        .requiring("lifted", "eased", "scrapped", "rescinded", "removed", "revoked", "reversed", "relaxed", "dropped", "ended", "withdrawn"));
    add(Trigger.of(EXPORT_ALLOWED, 0.85, "(?<=\\b(?:will|to|agreed to|decided to|would now) (?:now )?)(?:allow|permit|let)\\b"));
    add(Trigger.of(EXPORT_ALLOWED, 0.8,
        "\\b(?:allow|allows|allowed|allowing|permit|permits|permitted|permitting|let|lets|authori[sz](?:e|es|ed|ing)|cleared|clears|approved)\\b "
            + gap(5) + "to (?:be )?(?:" + SELL + "|resume)\\b").requiring(" to "));
    add(Trigger.of(EXPORT_ALLOWED, 0.75,
        "\\b(?:allow|allows|allowed|allowing|permit|permits|permitted|permitting)\\b (?:(?:the|some|more|limited|further|continued|of|its|their) ){0,3}(?:sales|exports|shipments)\\b"));
    add(Trigger.of(EXPORT_ALLOWED, 0.6, "\\bresum(?:e|ed|es|ing|ption of)\\b " + gap(4) + "(?:sales|shipments|exports|deliveries)\\b"));
    add(Trigger.of(EXPORT_ALLOWED, 0.8, "\\bgreen[- ]?light(?:s|ed)?\\b|\\bgreen[- ]?lit\\b"));

    add(Trigger.of(EXPORT_BAN, 0.9, "\\bde facto ban\\b|\\bpresumption of denial\\b|\\bamounts? to an? (?:de facto |outright |effective )?ban\\b|\\beffective(?:ly)? (?:an? )?ban(?:s|ned)?\\b").requiring("de facto", "presumption", "amount", "effective"));
    add(Trigger.of(EXPORT_BAN, 0.85, "\\bno longer (?:be )?(?:able to |allowed to |permitted to )?(?:be )?" + SELL + "\\b"));
    add(Trigger.of(EXPORT_BAN, 0.85,
        "\\b(?:revok\\w*|rescind\\w*|withdr[ae]w\\w*|cancel\\w*|suspend\\w*|pull\\w*) " + gap(3) + "(?:export )?" + LICENCE + "\\b"));
    add(Trigger.of(EXPORT_BAN, 0.85,
        "\\b(?:told|tells?|ordered|orders?|instructed|instructs?|directed|directs?|required|requires)\\b .{0,100}?"
            + "\\bto (?:stop|halt|cease|suspend) (?:all )?(?:selling|shipping|exporting|supplying|sales|shipments|exports|deliveries)\\b")
        .requiring("to stop", "to halt", "to cease", "to suspend"));
    add(Trigger.of(EXPORT_BAN, 0.85, "\\bstop(?:s|ped|ping)?\\b " + gap(6) + "from " + SELL + "\\b").requiring(" from "));
    add(Trigger.of(EXPORT_BAN, 0.85,
        "\\b(?:ban|bans|banned|banning|outlaw\\w*)\\b(?! on imports)").needingExportContext());
    add(Trigger.of(EXPORT_BAN, 0.8,
        "\\b(?:bar|bars|barred|barring|prohibit|prohibits|prohibited|prohibiting|forbid|forbids|forbade|forbidden|"
            + "block|blocks|blocked|blocking|halt|halts|halted|halting)\\b").needingExportContext());
    add(Trigger.of(EXPORT_BAN, 0.8,
        "\\bcut(?:s|ting)? off\\b|\\bcut(?:s|ting)? " + gap(3) + "off from\\b").asConsequence().requiring(" off"));
    add(Trigger.of(EXPORT_BAN, 0.7,
        "\\b(?:restrict|restricts|restricted|restricting|curb|curbs|curbed|curbing|limit|limits|limited|limiting)\\b "
            + gap(4) + "(?:exports?|sales|shipments)\\b").needingItems().requiring("export", "sales", "shipment"));
    add(Trigger.of(EXPORT_BAN, 0.65,
        "\\b(?:impos\\w*|tighten\\w*|expand\\w*|widen\\w*|announc\\w*|unveil\\w*|introduc\\w*|extend\\w*|issu\\w*)\\b "
            + gap(5) + "(?:export )?(?:curbs|restrictions|controls|ban)\\b").needingItems().requiring("curbs", "restrictions", "controls", "ban"));
  }

  private static void add(Trigger t) {
    TRIGGERS.add(t);
  }

  private TriggerLexicon() {}

  /** For each anchor word, the triggers that can start with it; triggers with no literal start are tried everywhere. */
  private static final List<String> ANCHOR_WORDS = new ArrayList<>();
  private static final List<int[]> ANCHORED = new ArrayList<>();
  private static final List<Integer> UNANCHORED = new ArrayList<>();

  static {
    java.util.Map<String, List<Integer>> byWord = new java.util.LinkedHashMap<>();
    for (int i = 0; i < TRIGGERS.size(); i++) {
      List<String> words = RegexAnchors.of(TRIGGERS.get(i).pattern().pattern());
      if (words.isEmpty()) {
        UNANCHORED.add(i);
      }
      for (String w : words) {
        byWord.computeIfAbsent(w, k -> new ArrayList<>()).add(i);
      }
    }
    // an anchor that extends another anchor of the same trigger ("bans" after "ban") would try it twice
    for (int i = 0; i < TRIGGERS.size(); i++) {
      int trigger = i;
      List<String> own = byWord.entrySet().stream().filter(e -> e.getValue().contains(trigger)).map(java.util.Map.Entry::getKey).toList();
      for (String w : own) {
        if (own.stream().anyMatch(o -> !o.equals(w) && w.startsWith(o))) {
          byWord.get(w).remove(Integer.valueOf(trigger));
        }
      }
    }
    byWord.values().removeIf(List::isEmpty);
    byWord.forEach((w, ts) -> {
      ANCHOR_WORDS.add(w);
      ANCHORED.add(ts.stream().mapToInt(Integer::intValue).toArray());
    });
  }

  private static boolean usable(int i, String lower, byte[] ready) {
    if (ready[i] == 0) {
      ready[i] = (byte) (TRIGGERS.get(i).prerequisitesIn(lower) ? 1 : 2);
    }
    return ready[i] == 1;
  }

  /**
   * Each thread's matchers, one per trigger, reset onto each sentence that needs them: making a
   * Matcher allocates its group arrays, and a sentence tries a few patterns at a few places.
   */
  private static final ThreadLocal<Matcher[]> MATCHERS = ThreadLocal.withInitial(() -> {
    Matcher[] out = new Matcher[TRIGGERS.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = TRIGGERS.get(i).pattern().matcher("").useTransparentBounds(true);
    }
    return out;
  });

  /** The thread's matcher of trigger i on this sentence; {@code onSentence} records which are reset already. */
  private static Matcher matcher(int i, String lower, Matcher[] matchers, boolean[] onSentence) {
    if (!onSentence[i]) {
      matchers[i].reset(lower);
      onSentence[i] = true;
    }
    return matchers[i];
  }

  static List<Trigger> triggers() {
    return List.copyOf(TRIGGERS);
  }

  static List<String> anchorWords() {
    return List.copyOf(ANCHOR_WORDS);
  }

  /**
   * Triggers in a sentence, without those that lie inside a longer one. Each pattern is tried only
   * where one of its anchor words starts a word (found by the sentence's cue scan), so a sentence
   * costs a few anchored matches.
   */
  static List<Match> find(Sentence s) {
    if (s.cues().anchors().isEmpty() && UNANCHORED.isEmpty()) {
      return List.of(); // most sentences: no word a trigger can start with
    }
    String lower = s.lower();
    List<Match> all = new ArrayList<>();
    // per sentence: whether each trigger's prerequisites are present (0 = not yet known), and its matcher
    byte[] ready = new byte[TRIGGERS.size()];
    Matcher[] matchers = MATCHERS.get();
    boolean[] onSentence = new boolean[TRIGGERS.size()];
    for (Cues.Hit hit : s.cues().anchors()) {
      int start = hit.start();
      for (int i : ANCHORED.get(hit.anchor())) {
        if (!usable(i, lower, ready)) {
          continue;
        }
        Matcher m = matcher(i, lower, matchers, onSentence).region(start, lower.length());
        if (m.lookingAt()) {
          all.add(new Match(TRIGGERS.get(i), m.start(), m.end()));
        }
      }
    }
    for (int i : UNANCHORED) {
      if (!usable(i, lower, ready)) {
        continue;
      }
      Matcher m = matcher(i, lower, matchers, onSentence);
      while (m.find()) {
        all.add(new Match(TRIGGERS.get(i), m.start(), m.end()));
      }
    }
    if (all.isEmpty()) {
      return List.of();
    }
    List<Match> out = new ArrayList<>(all.size());
    outer:
    for (Match m : all) {
      for (Match o : all) {
        if (m.inside(o)) {
          continue outer;
        }
      }
      out.add(m);
    }
    return out;
  }
}
