package org.samdp.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SweepProgressTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void theEstimateCountsOnlyTheJobsFinishedSinceThisStart() {
    SweepProgress progress = new SweepProgress(0);
    // 4 of 10 were done by an earlier start: no estimate until one finishes now.
    assertEquals("sweep: 4/10 done, 2 running, 0 failed, 0:05 elapsed, ETA --:--",
        progress.line(10, 4, 2, 0, 5 * SECOND));
    // 2 finished in 60 s (one of them failed): the 4 left take 120 s more.
    assertEquals("sweep: 5/10 done, 2 running, 1 failed, 1:00 elapsed, ETA 2:00",
        progress.line(10, 5, 2, 1, 60 * SECOND));
    assertEquals("sweep: 10/10 done, 0 running, 0 failed, 1:01:01 elapsed, finished",
        progress.line(10, 10, 0, 0, 3661 * SECOND));
  }

  @Test
  void theLineFitsEightyColumns() {
    String line = new SweepProgress(0).line(123456, 1, 99999, 12345, 1_000_000 * SECOND);
    assertTrue(line.length() <= SweepProgress.COLUMNS, line);
    assertEquals("277h", SweepProgress.clock(1_000_000));
  }
}
