package dev.chipwatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
  @Test
  void readsTheUsualForms() {
    assertEquals(Duration.ofSeconds(90), DurationText.parse("90"));
    assertEquals(Duration.ofSeconds(90), DurationText.parse("90s"));
    assertEquals(Duration.ofMinutes(15), DurationText.parse("15m"));
    assertEquals(Duration.ofHours(2), DurationText.parse(" 2H "));
    assertEquals(Duration.ofDays(1), DurationText.parse("1d"));
  }

  @Test
  void refusesWhatIsNotADuration() {
    for (String bad : new String[] {"", "0", "0m", "-5m", "15 minutes", "1.5h", "m", "10x"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationText.parse(bad), bad);
      assertEquals(true, e.getMessage().contains("duration"), e.getMessage());
    }
  }

  @Test
  void printsTheShortestExactForm() {
    assertEquals("15m", DurationText.format(Duration.ofSeconds(900)));
    assertEquals("90s", DurationText.format(Duration.ofSeconds(90)));
    assertEquals("2h", DurationText.format(Duration.ofHours(2)));
    assertEquals("1d", DurationText.format(Duration.ofDays(1)));
    assertEquals("5m", DurationText.ago(Duration.ofSeconds(330)));
    assertEquals("42s", DurationText.ago(Duration.ofSeconds(42)));
    assertEquals("3h", DurationText.ago(Duration.ofHours(3)));
  }
}
