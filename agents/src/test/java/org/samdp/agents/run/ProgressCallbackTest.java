package org.samdp.agents.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressCallbackTest {
  @Test
  void stepCountsTakeAtMostFiveCharacters() {
    assertEquals("950", ProgressCallback.count(950));
    assertEquals("12.5k", ProgressCallback.count(12_500));
    assertEquals("100k", ProgressCallback.count(99_960));
    assertEquals("250k", ProgressCallback.count(250_000));
    assertEquals("1.25M", ProgressCallback.count(1_250_000));
    assertEquals("2M", ProgressCallback.count(1_998_848));
  }

  @Test
  void logLinesFitEightyColumns() {
    String line = ProgressCallback.line("sa-ppo Hopper-v4", 251_904, 1_998_848, "2345 steps/s, return 1234.5");
    assertEquals("sa-ppo Hopper-v4 12.6% 252k/2M steps, 2345 steps/s, return 1234.5", line);
    String longName = ProgressCallback.line("sa-dqn MinAtar/SpaceInvaders-v1-with-a-very-long-name", 1_234_567,
        10_000_000, "123456 steps/s, return -123456.7");
    assertTrue(longName.length() <= ProgressCallback.WIDTH, longName);
    assertTrue(longName.startsWith("sa-dqn MinAtar/") && longName.contains("…"), longName);
  }
}
