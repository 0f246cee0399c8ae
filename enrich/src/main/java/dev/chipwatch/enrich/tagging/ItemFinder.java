package dev.chipwatch.enrich.tagging;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Which chips, vendors or materials an action in a sentence covers. */
final class ItemFinder {
  /** Bare product nouns: next to a vendor, an action on "Nvidia's chips" in general. */
  private static final Set<String> PRODUCT_NOUNS = Set.of(
      "chips", "chip", "processors", "processor", "gpus", "gpu", "accelerators", "accelerator", "products",
      "semiconductors", "hardware", "microprocessors", "microprocessor", "cpus", "cpu");
  /** Words that narrow a product noun to unnamed particular products. */
  private static final Set<String> NARROWING = Set.of("certain", "some", "specific", "particular", "older", "such", "those", "these", "other");
  /** Words past which a vendor is no longer tied to a product noun ahead of it. */
  private static final Set<String> VENDOR_SCOPE_BREAK = Set.of(
      "shares", "stock", "said", "says", "fell", "rose", "after", "before", "because", "as", "while", "which",
      "who", "that", "when", "but", "although", "though", "expects", "expected", "reported", "told", "has", "have", "had", "is", "was");
  static final Set<String> SPEECH = Set.of(
      "said", "says", "told", "tells", "expects", "expected", "reported", "reports", "announced", "announces",
      "confirmed", "confirms", "added", "warned", "estimated", "estimates", "declined", "disclosed", "stated");
  /** "chip makers such as Intel and Qualcomm", "foreign suppliers like Nvidia": the companies' products in general. */
  private static final Pattern MAKERS_SUCH_AS = Pattern.compile(
      "\\b(?:makers|chipmakers|chip makers|suppliers|vendors|designers|manufacturers|producers)(?: such as| like| including)\\s*$");
  private static final Pattern VENDOR_LIST_GLUE = Pattern.compile(
      "(?: (?:inc|corp|co|ltd|plc|llc|corporation|incorporated|technologies|technology)\\.?)?(?:'s)?(?:,? and |, | or | & |,)");

  private final Taxonomy taxonomy;

  ItemFinder(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  /** Chips named in the sentence, except those only compared with ("alternatives such as the Ascend 910B"). */
  List<String> chips(Sentence s) {
    if (s.mentions().isEmpty()) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (Mention m : s.mentions()) {
      if (m.kind() == AliasKind.CHIP && !comparedOnly(s, m)) {
        out.add(m.target());
      }
    }
    return List.copyOf(out);
  }

  static List<String> materials(Sentence s) {
    if (s.mentions().isEmpty()) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (Mention m : s.mentions()) {
      if (m.kind() == AliasKind.MATERIAL) {
        out.add(m.target());
      }
    }
    return List.copyOf(out);
  }

  /**
   * Companies added to a blacklist: the taxonomy vendors named in the listing phrase or just before it
   * ("Huawei was added"), except the listing country's own.
   */
  List<String> listedCompanies(Sentence s, TriggerLexicon.Match trigger, String lister) {
    int from = Modality.clauseStart(s.lower(), trigger.start());
    int to = Math.max(trigger.end(), Modality.clauseEnd(s.lower(), trigger.end()));
    // "blacklisted Sophgo after a TSMC-made die was found in a Huawei processor": the reason is not the list
    Cues.Hit reason = s.cues().first(Cue.RECAP, trigger.end(), to);
    if (reason != null) {
      to = reason.start();
    }
    Set<String> out = new LinkedHashSet<>();
    for (Mention m : s.mentions()) {
      if (m.kind() == AliasKind.VENDOR && m.start() >= from && m.end() <= to && !isSpeaker(s, m)) {
        String home = taxonomy.vendor(m.target()).map(Taxonomy.Vendor::country).orElse(null);
        if (home == null || !home.equals(lister == null ? "US" : lister)) {
          out.add(m.target());
        }
      }
    }
    return List.copyOf(out);
  }

  static boolean isSpeaker(Sentence s, Mention m) {
    return SPEECH.contains(MentionFinder.wordAfter(s.lower(), m.end()));
  }

  /**
   * Vendors whose products in general the action covers: "Nvidia's advanced chips", "chips from Nvidia
   * and AMD", "stop Nvidia and AMD from selling their most advanced AI chips". A vendor named only as
   * the speaker, or only next to a chip model ("Nvidia's H20"), is not one.
   */
  List<String> vendorWide(Sentence s) {
    List<Mention> ms = s.mentions();
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < ms.size()) {
      if (ms.get(i).kind() != AliasKind.VENDOR) {
        i++;
        continue;
      }
      int j = i;
      while (j + 1 < ms.size() && ms.get(j + 1).kind() == AliasKind.VENDOR
          && VENDOR_LIST_GLUE.matcher(s.lower().substring(ms.get(j).end(), ms.get(j + 1).start())).matches()) {
        j++;
      }
      if (!isSpeaker(s, ms.get(j)) && (productNounAfter(s, ms.get(j).end()) || productNounBefore(s, ms.get(i).start())
          || MAKERS_SUCH_AS.matcher(s.lower()).region(Math.max(0, ms.get(i).start() - 40), ms.get(i).start()).find())) {
        for (int k = i; k <= j; k++) {
          if (!out.contains(ms.get(k).target())) {
            out.add(ms.get(k).target());
          }
        }
      }
      i = j + 1;
    }
    return out;
  }

  /**
   * "alternatives such as the Ascend 910B", "domestic chips rather than the H20": compared with, not
   * covered; but "urged local companies to avoid the H20" speaks of local buyers, not local chips.
   */
  private static boolean comparedOnly(Sentence s, Mention chip) {
    for (Cues.Hit h : s.cues().all(Cue.OUT_OF_SCOPE, Modality.clauseStart(s.lower(), chip.start()), chip.start())) {
      String word = s.lower().substring(h.start(), h.end());
      if (!(LOCAL_WORDS.contains(word) && BUYER_NOUNS.contains(MentionFinder.wordAfter(s.lower(), h.end())))) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> LOCAL_WORDS = Set.of("local", "domestic", "homegrown");
  private static final Set<String> BUYER_NOUNS = Set.of("companies", "firms", "businesses", "authorities", "governments",
      "officials", "tech", "internet", "players", "buyers", "customers", "operators", "data", "cloud", "clients", "users");

  private static boolean productNounAfter(Sentence s, int offset) {
    String lower = s.lower();
    int i = lower.startsWith("'s", offset) ? offset + 2 : offset;
    String prev = "";
    String prev2 = "";
    for (int n = 0; n < 10 && i < lower.length(); ) {
      char c = lower.charAt(i);
      if (c == ' ') {
        i++;
        continue;
      }
      if (!Chars.isWordChar(c)) {
        return false; // punctuation ends the phrase
      }
      int start = i;
      while (i < lower.length() && (Chars.isWordChar(lower.charAt(i)) || lower.charAt(i) == '-' || lower.charAt(i) == '\'')) i++;
      if (chipAt(s, start) || vendorAt(s, start)) {
        return false; // the noun belongs to a chip model or to the nearer vendor
      }
      String word = lower.substring(start, i);
      if (VENDOR_SCOPE_BREAK.contains(word)) {
        return false;
      }
      if (PRODUCT_NOUNS.contains(word)) {
        return !NARROWING.contains(prev) && !NARROWING.contains(prev2);
      }
      prev2 = prev;
      prev = word;
      n++;
    }
    return false;
  }

  /** "chips from Nvidia", "processors made by AMD", "chips from the likes of Nvidia". */
  private static boolean productNounBefore(Sentence s, int offset) {
    String lower = s.lower();
    int i = offset;
    String[] words = new String[6];
    for (int k = 0; k < words.length; k++) {
      while (i > 0 && lower.charAt(i - 1) == ' ') i--;
      int end = i;
      while (i > 0 && (Chars.isWordChar(lower.charAt(i - 1)) || lower.charAt(i - 1) == '-')) i--;
      words[k] = lower.substring(i, end);
      if (end == i) {
        break;
      }
    }
    int k = 0;
    if (words[0].equals("of") && words[1].equals("likes") && words[2].equals("the")) {
      k = 3;
    }
    if (!words[k].equals("from") && !words[k].equals("by")) {
      return false;
    }
    for (int j = k + 1; j < Math.min(words.length, k + 5); j++) {
      if (words[j] != null && PRODUCT_NOUNS.contains(words[j])) {
        return true;
      }
    }
    return false;
  }

  private static boolean vendorAt(Sentence s, int offset) {
    for (Mention m : s.mentions()) {
      if (m.kind() == AliasKind.VENDOR && m.start() <= offset && offset < m.end()) {
        return true;
      }
    }
    return false;
  }

  private static boolean chipAt(Sentence s, int offset) {
    for (Mention m : s.mentions()) {
      if (m.kind() == AliasKind.CHIP && m.start() <= offset && offset < m.end()) {
        return true;
      }
    }
    return false;
  }
}
