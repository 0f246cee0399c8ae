package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.enrich.tagging.EffectiveTime.Reading;
import dev.chipwatch.enrich.tagging.EffectiveTime.Relation;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EffectiveTimeTest {
  private static final Instant SEPT_17_2025 = Instant.parse("2025-09-17T09:00:00Z"); // a Wednesday

  private static Reading read(String sentence, Instant published) {
    String lower = sentence.toLowerCase(java.util.Locale.ROOT);
    return EffectiveTime.in(lower, 0, lower.length(), 0, published);
  }

  @Test
  void aMonthWithoutAYearIsTheLatestSuchMonthNotAfterTheArticle() {
    assertEquals(LocalDate.of(2025, 4, 1), read("exports were halted in april", SEPT_17_2025).date());
    assertEquals(LocalDate.of(2024, 10, 1), read("the rules issued in october", SEPT_17_2025).date());
    assertEquals(LocalDate.of(2023, 10, 17), read("the rules issued on october 17, 2023", SEPT_17_2025).date());
    assertEquals(LocalDate.of(2022, 1, 1), read("licences have been needed since 2022", SEPT_17_2025).date());
  }

  @Test
  void relativeDaysCountBackFromTheArticle() {
    assertEquals(LocalDate.of(2025, 9, 16), read("the ministry said on tuesday", SEPT_17_2025).date());
    assertEquals(LocalDate.of(2025, 9, 16), read("the ban announced yesterday", SEPT_17_2025).date());
    assertEquals(LocalDate.of(2025, 9, 10), read("the curbs imposed last week", SEPT_17_2025).date());
  }

  @Test
  void aStateThatLastedUntilAPastMonthIsOver() {
    Reading r = read("until july even h20s were banned", SEPT_17_2025);
    assertEquals(Relation.UNTIL, r.relation());
    assertTrue(r.isOver(SEPT_17_2025));
    assertFalse(read("the chips will remain banned until december", SEPT_17_2025).isOver(SEPT_17_2025),
        "a deadline ahead is not an ended state");
  }

  @Test
  void aStartDateAheadIsScheduledFromTheStartOfItsDay() {
    Reading r = read("the licence requirement takes effect on 15 october", SEPT_17_2025);
    assertEquals(Relation.STARTS, r.relation());
    assertTrue(r.isAhead(SEPT_17_2025));
    assertEquals(Instant.parse("2025-10-15T00:00:00Z"), r.instant(SEPT_17_2025));
    assertTrue(read("the rule applies from january 1", SEPT_17_2025).isAhead(SEPT_17_2025), "next January");
  }

  @Test
  void aDayOrdersByItsEndButNeverAfterTheArticle() {
    assertEquals(Instant.parse("2025-09-16T23:59:59Z"), read("banned on tuesday", SEPT_17_2025).instant(SEPT_17_2025));
    assertEquals(SEPT_17_2025, read("banned today", SEPT_17_2025).instant(SEPT_17_2025));
    assertEquals(Instant.parse("2025-04-01T00:00:00Z"), read("banned in april", SEPT_17_2025).instant(SEPT_17_2025));
  }

  @Test
  void wordsThatOnlyLookLikeDatesAreNot() {
    assertNull(read("the company may decide to appeal", SEPT_17_2025));
    assertNull(read("sales could recover by 2027", SEPT_17_2025), "a deadline year is no date of the action");
    assertNull(read("banned in april", null), "a month alone cannot be placed without the article's date");
    assertEquals(LocalDate.of(2025, 4, 9), read("on april 9, 2025 the company was told", null).date());
  }
}
