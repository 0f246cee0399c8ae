package dev.chipwatch.enrich.tagging;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a reported action takes effect, read from the date words of its clause and resolved against
 * the article's publication date: "on July 14", "in April" (the latest April not after the
 * article), "since 2022", "last week", "on Tuesday", "until July" (a state that ended then),
 * "takes effect on 15 May" (a date ahead). Plain text in, a date out; no Kafka, no clock.
 */
public final class EffectiveTime {
  /** How the date relates to the action. */
  public enum Relation {
    /** the action happened or was decided then */
    AT,
    /** a state that held until then: over, when the date has passed */
    UNTIL,
    /** the action takes effect then: a start date, possibly ahead of the article */
    STARTS
  }

  /** How precisely the text gave the date. */
  public enum Precision { DAY, MONTH, YEAR }

  /**
   * A date read from the text.
   *
   * @param date the day (the first day of the month or year when only those were given)
   */
  public record Reading(LocalDate date, Precision precision, Relation relation, int start, int end) {
    /** The instant to order by: a day's end (capped at the article's time), a month's or year's start. */
    Instant instant(Instant published) {
      if (isAhead(published)) {
        return date.atStartOfDay().toInstant(ZoneOffset.UTC); // a rule takes effect as its day begins
      }
      // a day's news is reported during the day: its end (capped at the article) orders it after that
      // day's earlier reports; a month or year, given loosely, counts from its start
      Instant at = precision == Precision.DAY
          ? date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1)
          : date.atStartOfDay().toInstant(ZoneOffset.UTC);
      return published != null && at.isAfter(published) ? published : at;
    }

    /** A start date after the article's day: the change is scheduled, not yet in force. */
    boolean isAhead(Instant published) {
      return published != null && relation == Relation.STARTS
          && date.isAfter(published.atZone(ZoneOffset.UTC).toLocalDate());
    }

    /** A state said to have lasted until a day that has passed. */
    boolean isOver(Instant published) {
      return relation == Relation.UNTIL && published != null
          && !date.isAfter(published.atZone(ZoneOffset.UTC).toLocalDate());
    }
  }

  private static final String MONTHS =
      "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
  private static final String LEAD =
      "(?<lead>on|in|since|from|until|till|through|effective|starting|beginning|as of|as from|by|before|after|during|of)";
  /** "in early April 2025", "on July 14, 2025", "on 15 May", "since 2022", "until July". */
  private static final Pattern DATE = Pattern.compile(
      "\\b" + LEAD + " (?:(?<part>early|late|mid|mid-) ?)?"
          + "(?:(?<month>" + MONTHS + ")\\.?(?: (?<day>\\d{1,2})(?:st|nd|rd|th)?\\b)?,?(?: (?<year>(?:19|20)\\d\\d))?"
          + "|(?<dayFirst>\\d{1,2}) (?<monthAfter>" + MONTHS + ")\\.?,?(?: (?<year2>(?:19|20)\\d\\d))?"
          + "|(?<yearOnly>(?:19|20)\\d\\d))\\b");
  private static final Pattern RELATIVE = Pattern.compile(
      "\\b(?:(?<lead>since|until|till|from|as of) )?(?<what>yesterday|today|last (?:week|month|year)|a (?:week|month|year) ago|"
          + "(?:on |last |this |from )(?<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday))\\b");
  /** Words that make a following date the start of the action rather than its report. */
  private static final String[] STARTING = {"take effect", "takes effect", "taking effect", "took effect", "come into force",
      "comes into force", "came into force", "go into effect", "goes into effect", "went into effect", "enter into force",
      "enters into force", "come into effect", "comes into effect", "effective", "starting", "beginning", "as of",
      "will apply", "will begin", "will start", "from"};

  private EffectiveTime() {}

  /**
   * The date the clause [from, to) of a lower-cased sentence gives its action, nearest the trigger
   * at {@code anchor} (the first after it, else the last before it); null when the clause has none
   * or it cannot be placed without the article's date.
   */
  /** The last question asked and its answer, per thread: the tagger asks twice for each kept event. */
  private record Asked(String lower, int from, int to, int anchor, Instant published, Reading answer) {}

  private static final ThreadLocal<Asked> LAST = new ThreadLocal<>();

  public static Reading in(String lower, int from, int to, int anchor, Instant published) {
    Asked last = LAST.get();
    if (last != null && last.lower() == lower && last.from() == from && last.to() == to && last.anchor() == anchor
        && java.util.Objects.equals(last.published(), published)) {
      return last.answer();
    }
    Reading answer = read(lower, from, to, anchor, published);
    LAST.set(new Asked(lower, from, to, anchor, published, answer));
    return answer;
  }

  private static Reading read(String lower, int from, int to, int anchor, Instant published) {
    Reading before = null;
    Reading after = null;
    Matcher d = null;
    int tried = -1;
    // a date starts with a lead word ("in", "since", "on") just before a month, a day or a year: the
    // pattern is tried only there, not at every character of the clause
    for (int i = from; i < to; i++) {
      if ((i > 0 && Character.isLetterOrDigit(lower.charAt(i - 1))) || !isDateWord(lower, i)) {
        continue;
      }
      int start = leadBefore(lower, i, from);
      if (start < 0 || start <= tried) {
        continue;
      }
      if (d == null) {
        d = DATE.matcher(lower);
      }
      d.region(start, to);
      if (!d.lookingAt()) {
        continue;
      }
      tried = start;
      Reading r = reading(lower, d, published);
      if (r == null) {
        continue;
      }
      if (r.start() >= anchor && after == null) {
        after = r;
      } else if (r.start() < anchor) {
        before = r;
      }
    }
    if (!mayBeRelative(lower, from, to)) {
      return after != null ? after : before;
    }
    Matcher rel = RELATIVE.matcher(lower).region(from, to);
    while (rel.find()) {
      Reading r = relative(rel, published);
      if (r == null) {
        continue;
      }
      if (r.start() >= anchor && (after == null || r.start() < after.start())) {
        after = r;
      } else if (r.start() < anchor && (before == null || r.start() > before.start())) {
        before = r;
      }
    }
    return after != null ? after : before;
  }

  private static final String[] MONTH_STARTS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  private static final java.util.Set<String> LEAD_WORDS = java.util.Set.of("on", "in", "since", "from", "until", "till",
      "through", "effective", "starting", "beginning", "of", "by", "before", "after", "during");
  private static final java.util.Set<String> PART_WORDS = java.util.Set.of("early", "late", "mid");

  /** A digit or a month's first letters at a word start. */
  private static boolean isDateWord(String lower, int i) {
    char c = lower.charAt(i);
    if (c >= '0' && c <= '9') {
      return true;
    }
    if ("jfmasond".indexOf(c) < 0) {
      return false; // no month starts with it
    }
    for (String m : MONTH_STARTS) {
      if (lower.startsWith(m, i)) {
        return true;
      }
    }
    return false;
  }

  /** Where the lead word before the date word at i starts ("in", "in early", "as of"), or -1. */
  private static int leadBefore(String lower, int i, int from) {
    int start = wordBefore(lower, i, from);
    if (start < 0) {
      return -1;
    }
    String word = lower.substring(start, wordEnd(lower, start));
    if (PART_WORDS.contains(word)) {
      start = wordBefore(lower, start, from);
      if (start < 0) {
        return -1;
      }
      word = lower.substring(start, wordEnd(lower, start));
    }
    if (word.equals("of") && start >= from + 3 && lower.startsWith("as ", start - 3)) {
      return start - 3; // "as of"
    }
    return LEAD_WORDS.contains(word) ? start : -1;
  }

  private static int wordBefore(String lower, int i, int from) {
    int j = i;
    while (j > from && !Character.isLetter(lower.charAt(j - 1))) j--;
    if (j == from || i - j > 2) {
      return -1; // nothing, or more than a space and a hyphen between
    }
    while (j > from && Character.isLetter(lower.charAt(j - 1))) j--;
    return j;
  }

  private static int wordEnd(String lower, int start) {
    int j = start;
    while (j < lower.length() && Character.isLetter(lower.charAt(j))) j++;
    return j;
  }

  /** Relative dates need "last", "ago" or a day's name ("today", "on Tuesday"). */
  private static boolean mayBeRelative(String lower, int from, int to) {
    int day = lower.indexOf("day", from);
    int last = lower.indexOf("last ", from);
    int ago = lower.indexOf(" ago", from);
    return (day >= 0 && day < to) || (last >= 0 && last < to) || (ago >= 0 && ago < to);
  }

  private static Reading reading(String lower, Matcher d, Instant published) {
    String lead = d.group("lead");
    Relation relation = relation(lead, lower, d.start());
    String yearOnly = d.group("yearOnly");
    if (yearOnly != null) {
      if (lead.equals("by") || lead.equals("of") || lead.equals("before")) {
        return null; // "by 2027" is a deadline, "of 2024" a period
      }
      return new Reading(LocalDate.of(Integer.parseInt(yearOnly), 1, 1), Precision.YEAR, relation, d.start(), d.end());
    }
    String monthText = d.group("month") != null ? d.group("month") : d.group("monthAfter");
    String dayText = d.group("day") != null ? d.group("day") : d.group("dayFirst");
    String yearText = d.group("year") != null ? d.group("year") : d.group("year2");
    if (monthText.equals("may") && dayText == null && yearText == null) {
      return null; // "in may" without a day or year is too often the verb ("they may")
    }
    if ((monthText.equals("mar") || monthText.equals("jan")) && monthText.length() == 3 && dayText == null) {
      return null; // abbreviations alone are other words ("mar" the verb)
    }
    Month month = month(monthText);
    int day = dayText == null ? 1 : Integer.parseInt(dayText);
    if (day < 1 || day > 31) {
      return null;
    }
    String part = d.group("part");
    if (dayText == null && part != null) {
      day = part.startsWith("mid") ? 15 : part.equals("late") ? 25 : 1;
    }
    int year;
    if (yearText != null) {
      year = Integer.parseInt(yearText);
    } else if (published == null) {
      return null;
    } else {
      LocalDate p = published.atZone(ZoneOffset.UTC).toLocalDate();
      boolean ahead = relation == Relation.STARTS || (relation == Relation.UNTIL && futureTense(lower, d.start()));
      year = p.getYear();
      if (ahead) {
        // a start date or deadline without a year: the next such month from the article on
        if (month.getValue() < p.getMonthValue()) year++;
      } else if (month.getValue() > p.getMonthValue()) {
        year--; // "in October" in a July article: last October
      }
    }
    LocalDate date = LocalDate.of(year, month, 1);
    date = date.withDayOfMonth(Math.min(day, date.lengthOfMonth()));
    Precision precision = dayText != null ? Precision.DAY : Precision.MONTH;
    return new Reading(date, precision, relation, d.start(), d.end());
  }

  private static Reading relative(Matcher rel, Instant published) {
    if (published == null) {
      return null;
    }
    LocalDate p = published.atZone(ZoneOffset.UTC).toLocalDate();
    String what = rel.group("what");
    String lead = rel.group("lead");
    Relation relation = lead == null ? Relation.AT
        : lead.equals("until") || lead.equals("till") ? Relation.UNTIL
        : lead.equals("since") ? Relation.AT : Relation.STARTS;
    LocalDate date;
    Precision precision = Precision.DAY;
    String weekday = rel.group("weekday");
    if (weekday != null) {
      DayOfWeek dow = DayOfWeek.valueOf(weekday.toUpperCase(Locale.ROOT));
      // "on Tuesday" in a Wednesday article: the day before; "last Tuesday": the one before today
      date = (what.startsWith("last") ? p.minusDays(1) : p).with(TemporalAdjusters.previousOrSame(dow));
    } else if (what.equals("yesterday")) {
      date = p.minusDays(1);
    } else if (what.equals("today")) {
      date = p;
    } else if (what.endsWith("week") || what.equals("a week ago")) {
      date = p.minusWeeks(1);
    } else if (what.endsWith("month") || what.equals("a month ago")) {
      date = p.minusMonths(1).withDayOfMonth(1);
      precision = Precision.MONTH;
    } else {
      date = LocalDate.of(p.getYear() - 1, 1, 1);
      precision = Precision.YEAR;
    }
    return new Reading(date, precision, relation, rel.start(), rel.end());
  }

  private static Relation relation(String lead, String lower, int at) {
    switch (lead) {
      case "until", "till", "through" -> {
        return Relation.UNTIL;
      }
      case "from", "effective", "starting", "beginning", "as of" -> {
        return Relation.STARTS;
      }
      case "on", "in" -> {
        // "takes effect on 15 May", "will apply in June": the words before say it starts then
        return Words.anyWithin(lower, at - 40, at, STARTING) ? Relation.STARTS : Relation.AT;
      }
      default -> {
        return Relation.AT;
      }
    }
  }

  /** "will remain banned until June": a deadline ahead, not a state that ended. */
  private static boolean futureTense(String lower, int at) {
    int back = Math.max(0, at - 50);
    String before = lower.substring(back, at);
    return before.contains("will ") || before.contains("would ") || before.contains(" remain");
  }

  private static Month month(String text) {
    String t = text.length() >= 3 ? text.substring(0, 3) : text;
    for (Month m : Month.values()) {
      if (m.name().toLowerCase(Locale.ROOT).startsWith(t)) {
        return m;
      }
    }
    throw new IllegalArgumentException("not a month: " + text);
  }
}
