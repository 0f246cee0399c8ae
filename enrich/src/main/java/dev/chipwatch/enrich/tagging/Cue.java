package dev.chipwatch.enrich.tagging;

import java.util.ArrayList;
import java.util.List;

/**
 * Kinds of words that change how a sentence is read: hedges, negations, recap markers, news-time
 * markers, value phrases. Each lists its phrases; a trailing '*' matches any ending ("consider*").
 * All are found in one automaton scan per sentence ({@link Cues}).
 */
enum Cue {
  /** The first word of a trigger pattern ({@link TriggerLexicon}); its words come from there. */
  ANCHOR(java.util.List.of()),
  /** A proposal, plan, rumour, denial or doubt, before the action. */
  HEDGE(join(
      "consider* weigh* mull* discuss* debat* propos* draft* could might may should whether if unless once",
      "plan plans planned planning intend* seek* sought", "|expected to|expects to|expect to|set to|poised to|preparing to|prepares to",
      "threaten* deny denies denied denial rumor* rumour* speculat* bill bills legislation lawmakers senator senators",
      "congressman congressmen uncertain unclear hope hopes hoped hoping lobb* talks negotiat* would study studying",
      "options possible potential proposal wants want wanted demands demanded resolve dispute disputes bet bets betting wager*",
      "|try to|tries to|trying to|tried to|in talks|in negotiations|called on|calls on|call on", "|no plan|no plans|no decision|call for|calls for|called for|far from certain",
      "|no assurance|push for|pushes for|pushed for|pushing for|would have|want to|wants to|aim to|aims to",
      "|review whether|reviewing whether|possibility|open to", "signal signals signaled signalled signaling",
      combine(new String[] {"urge", "urges", "urged", "urging", "ask", "asks", "asked"}, new String[] {"", "the "},
          new String[] {"administration", "government", "commerce", "congress", "white house", "washington", "lawmakers", "officials"}))),
  /** A condition or proposal after the action, in its clause. */
  HEDGE_AFTER(join("if unless proposed could might",
      "|under consideration|being considered|is considering|according to a draft|is being discussed|were to")),
  NEGATION(join("not no never neither nor cannot without",
      "|refused to|declined to|stopped short of|rather than|instead of")),
  /** Reported speech: a pluperfect after it is only the backshift. */
  SPEECH(join("said says told tells announced disclosed confirmed reported filing statement informed notified advised",
      "|according to")),
  /** A subordinate clause that recalls an earlier action: "before the US banned...". */
  RECAP(join("since before after following when until welcomed welcomes criticised criticized criticises criticizes condemned",
      "condemns opposed opposes praised protested reacting assess assessing assessed", "|impact of|effect of|effects of",
      "|ever since|in the wake of|response to|responding to|reaction to|reacting to|retaliation for|in retaliation against",
      "follows followed", "|affected by|hit by|due to|because of|as a result of|in light of|owing to|in response to")),
  RELATIVE_PAST(join("previously",
      "|last year|last month|years ago|a year ago|months ago|in the past|in previous years|earlier this year|late last year",
      "|since then|at the time|back in|a day earlier|days earlier|a week earlier|earlier this month|earlier this week",
      "|earlier in the month|earlier in the year|a round of|prior rule|prior rules|existing rules|existing controls",
      "|existing curbs|existing restrictions|earlier rules|earlier controls|earlier curbs|earlier restrictions|earlier ban")),
  /** The sentence dates its action as this news: "on Tuesday", "this week". */
  NEWS_TIME(join("today yesterday overnight", "|this week",
      combine(new String[] {"on", "this", "late on", "early on", "from"}, new String[] {" "},
          new String[] {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}))),
  MONTH(join("january february march april may june july august september october november december")),
  /** Words one of which a sentence needs before the denial-by-default pattern is worth trying. */
  DENIAL_HINT(join("denial denied deny refused rejected effectively", "|de facto|amounts to|amount to|no licences|no licenses",
      "|expects licences|expect licences|expects licenses|expect licenses|expects any|expect any")),
  /** Words after which a chip is compared with, not covered by, an action ("alternatives such as"). */
  OUT_OF_SCOPE(join("than unlike compared rival rivals alternative alternatives instead rather replace replacing replacement",
      "replacements domestic homegrown local substitutes substitute")),
  /** A rule as the subject of "requires": the requirement is the news. */
  RULE(join("rule rules regulation regulations order measure measures requirement change changes law policy")),
  /** "the chips", "both chips": the items of an earlier sentence. */
  ITEM_ANAPHOR(join("them it", "|both chips|the chip|the chips|these chips|such chips|those chips|the part|the parts|these parts",
      "|the processor|the processors|the product|the products|both products|both processors|the two")),
  /** "shipped there": the place of an earlier sentence. */
  PLACE_ANAPHOR(join("there", "|the country|that country|the mainland")),
  /** "to certain countries in the Middle East": the countries follow in the next sentence. */
  UNNAMED_COUNTRIES(join("|certain countries|some countries|several countries|other countries|many countries",
      "|additional countries|more countries|further countries|other destinations|additional destinations")),
  /** Words that place a sentence in the export trade. */
  EXPORT(join("export* sale sales sell* ship* supply supplies supplying access deliver*")),
  /** What a tariff on the chip trade is levied on. */
  GOODS(join("goods import imports imported products chip chips semiconductor semiconductors wafer wafers polysilicon",
      "electronics components processor processors equipment tools hardware devices everything")),
  /** A government as the one acting, when no country is named as subject: "the commerce ministry imposed". */
  GOVERNMENT(join("ministry government authorities regulator regulators cabinet officials administration",
      "|state council|commerce department|department of commerce")),
  /** Words for chips in general: an import curb on them is on the chip trade. */
  CHIP_WORDS(join("chip chips processor processors semiconductor semiconductors gpu gpus accelerator accelerators memory",
      "microprocessor microprocessors cpu cpus",
      "|graphics cards|ai hardware")),
  /** Where the object of a tariff ends and the reason for it begins. */
  OBJECT_END(join("responding after following matching said says", "|in response|in retaliation")),
  /** Phrases before a sum that make it a company's value. */
  VALUE(join("worth capitalisation capitalization valuation", "|market value|market valuation|market capitalisation|market capitalization|market cap|valued at",
      "|valuation of", combine(new String[] {"valuing ", "values ", "value ", "valued "},
          new String[] {"it", "the company", "the group", "the firm", "the chipmaker", "the chip designer", "the business",
              "the maker", "the start-up", "the startup", "the designer", "the memory maker", "them"}, new String[] {" at"}))),
  /** Headline verbs that, before a trillion-dollar sum, state a company's value. */
  MILESTONE(join("top tops topped topping hit hits hitting touch touches touched touching reach* cross* pass passes",
      "passed passing surpass* exceed* breach breaches breached become becomes became near nears neared nearing above past beyond")),
  /** A change of value or a sum of another kind. */
  NOT_VALUE(join("eras* wip* lost lose loses losing shed* add adds added adding gain* jump* drop* fell fall* slump*",
      "plung* tumbl* sank sink* rout by revenue* sales income profit* earnings charge* booking bookings forecast* guidance",
      "outlook capex spending spend buyback buybacks repurchase* invest* funding rais* round deal contract contracts",
      "order orders import imports export exports demand opportunity could would might may budget loan loans debt bid",
      "offer acquisition acquire* buy pay* fine fined fines penalty cost* price priced prices", "|market for|worth of"));

  final List<String> phrases;

  Cue(List<String> phrases) {
    this.phrases = phrases;
  }

  /** Space-separated single words, or '|'-separated phrases when a part starts with '|'. */
  private static List<String> join(Object... parts) {
    List<String> out = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof List<?> list) {
        list.forEach(p -> out.add((String) p));
      } else {
        String s = (String) part;
        if (s.startsWith("|")) {
          for (String p : s.substring(1).split("\\|")) out.add(p);
        } else {
          for (String p : s.split(" ")) out.add(p);
        }
      }
    }
    return List.copyOf(out);
  }

  private static List<String> combine(String[] a, String[] b, String[] c) {
    List<String> out = new ArrayList<>();
    for (String x : a) for (String y : b) for (String z : c) out.add((x + " " + y + z).replaceAll(" +", " ").strip());
    return out;
  }
}
