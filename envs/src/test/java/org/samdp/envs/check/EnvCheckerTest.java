package org.samdp.envs.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.samdp.envs.LineWalk;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.Wrapper;

class EnvCheckerTest {

  private static CheckResult.Status status(List<CheckResult> results, String name) {
    return results.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().status();
  }

  @Test
  void aConformingEnvPassesEveryCheck() {
    List<CheckResult> results = EnvChecker.check(LineWalk::new);
    assertTrue(EnvChecker.passed(results), results.toString());
    assertEquals(CheckResult.Status.PASS, status(results, "seed determinism"));
    assertEquals(CheckResult.Status.PASS, status(results, "step determinism"));
    assertEquals(CheckResult.Status.PASS, status(results, "invalid actions"));
  }

  @Test
  void anEnvThatIgnoresItsSeedFailsSeedDeterminism() {
    List<CheckResult> results = EnvChecker.check(() -> new LineWalk() {
      private double drift;

      @Override
      protected Reset<double[]> resetEpisode(Map<String, Object> options) {
        super.resetEpisode(options);
        position = drift += 0.25;
        return new Reset<>(observation(), Map.of());
      }
    });
    assertFalse(EnvChecker.passed(results));
    assertEquals(CheckResult.Status.FAIL, status(results, "seed determinism"));
  }

  @Test
  void anEnvWhoseObservationsLeaveTheSpaceFailsTheStepCheck() {
    List<CheckResult> results = EnvChecker.check(() -> new LineWalk() {
      @Override
      protected Step<double[]> stepEpisode(Integer action) {
        Step<double[]> step = super.stepEpisode(action);
        return new Step<>(new double[] {99, 0}, step.reward(), false, false, step.info());
      }
    });
    assertEquals(CheckResult.Status.FAIL, status(results, "step"));
  }

  @Test
  void anEnvThatSilentlyFixesInvalidActionsFailsTheInvalidActionCheck() {
    List<CheckResult> results = EnvChecker.check(() -> new Wrapper<double[], Integer>(new LineWalk()) {
      @Override
      public Step<double[]> step(Integer action) {
        return env.step(env.actionSpace().contains(action) ? action : 0);
      }
    });
    assertEquals(CheckResult.Status.FAIL, status(results, "invalid actions"));
  }
}
