package dev.chipwatch.enrich.marketcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.enrich.marketcap.ThresholdTracker.Crossing;
import dev.chipwatch.enrich.marketcap.ThresholdTracker.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThresholdTrackerTest {
  private static final List<Double> LADDER = List.of(3e12, 4e12, 5e12);
  private final ThresholdTracker tracker = new ThresholdTracker(0.02);

  @Test
  void firstObservationFiresNothing() {
    assertEquals(Set.of(3e12), tracker.initial(LADDER, 3.9e12));
  }

  @Test
  void crossingUpFiresOnceAtTheThreshold() {
    ThresholdTracker.Result r = tracker.move(LADDER, Set.of(3e12), 4.0e12);
    assertEquals(List.of(new Crossing(4e12, Direction.UP)), r.crossings());
    assertTrue(r.above().contains(4e12));
  }

  @Test
  void wobblingAroundAThresholdFiresOnce() {
    List<Crossing> all = new ArrayList<>();
    Set<Double> above = tracker.initial(LADDER, 3.95e12);
    for (double v : new double[] {4.01e12, 3.99e12, 4.02e12, 3.95e12, 4.005e12}) {
      ThresholdTracker.Result r = tracker.move(LADDER, above, v);
      all.addAll(r.crossings());
      above = r.above();
    }
    assertEquals(List.of(new Crossing(4e12, Direction.UP)), all);
  }

  @Test
  void fallingOutOfTheBandFiresDownThenUpAgain() {
    Set<Double> above = Set.of(3e12, 4e12);
    ThresholdTracker.Result down = tracker.move(LADDER, above, 3.9e12);
    assertEquals(List.of(new Crossing(4e12, Direction.DOWN)), down.crossings());
    ThresholdTracker.Result up = tracker.move(LADDER, down.above(), 4.0e12);
    assertEquals(List.of(new Crossing(4e12, Direction.UP)), up.crossings());
  }

  @Test
  void aJumpOverSeveralThresholdsFiresEachInOrder() {
    ThresholdTracker.Result up = tracker.move(LADDER, Set.of(), 5.5e12);
    assertEquals(List.of(new Crossing(3e12, Direction.UP), new Crossing(4e12, Direction.UP),
        new Crossing(5e12, Direction.UP)), up.crossings());
    ThresholdTracker.Result down = tracker.move(LADDER, up.above(), 2.0e12);
    assertEquals(List.of(new Crossing(5e12, Direction.DOWN), new Crossing(4e12, Direction.DOWN),
        new Crossing(3e12, Direction.DOWN)), down.crossings());
  }
}
