package org.samdp.envs.wrappers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.envs.BaseEnv;
import org.samdp.envs.InvalidActionException;
import org.samdp.envs.LineWalk;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.DType;
import org.samdp.envs.spaces.Space;

class WrappersTest {

  @Test
  void timeLimitTruncatesAtTheLimitAndLeavesTerminatedAlone() {
    TimeLimit<double[], Integer> env = new TimeLimit<>(new LineWalk(), 2);
    env.reset(0);
    Step<double[]> first = env.step(1);
    assertFalse(first.truncated());
    Step<double[]> second = env.step(0);
    assertTrue(second.truncated());
    assertFalse(second.terminated());
    env.reset(0);
    assertFalse(env.step(1).truncated(), "reset restarts the count");
  }

  @Test
  void recordEpisodeStatisticsReportsReturnAndLengthOnTheLastStep() {
    RecordEpisodeStatistics<double[], Integer> env = new RecordEpisodeStatistics<>(new LineWalk(), 2);
    for (int episode = 0; episode < 3; episode++) {
      env.reset(0);
      assertNull(env.step(1).info().get("episode"));
      env.step(1);
      Step<double[]> last = env.step(1);
      assertTrue(last.terminated());
      @SuppressWarnings("unchecked")
      Map<String, Object> stats = (Map<String, Object>) last.info().get(RecordEpisodeStatistics.KEY);
      assertEquals(3.0, stats.get("r"));
      assertEquals(3, stats.get("l"));
      assertEquals(3, last.info().get("steps"), "inner info is kept");
    }
    assertEquals(3, env.episodeCount());
    assertEquals(2, env.recentEpisodes().size(), "buffer keeps the last two");
  }

  @Test
  void normalizeObservationUsesStatisticsUpdatedWithTheCurrentObservation() {
    NormalizeObservation<Integer> env = new NormalizeObservation<>(new LineWalk());
    double[] raw = new LineWalk().reset(3).observation();
    double[] normalized = env.reset(3).observation();
    // After one update from the prior (mean 0, var 1, count 1e-4) the mean is ~raw and the variance ~1e-4.
    RunningMeanStd expected = new RunningMeanStd(2);
    expected.update(raw);
    assertArrayEquals(expected.normalize(raw, 1e-8), normalized, 0);
    assertEquals(Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, new int[] {2}, DType.FLOAT32),
        env.observationSpace());
    for (double v : normalized) {
      assertEquals((float) v, v, 0, "float32 output");
    }
  }

  @Test
  void frozenNormalizationStopsUpdatingAndStatisticsSurviveSaveAndLoad(@TempDir Path dir) throws IOException {
    NormalizeObservation<Integer> env = new NormalizeObservation<>(new LineWalk());
    env.reset(1);
    env.step(1);
    env.setFrozen(true);
    RunningMeanStd.State frozen = env.statistics();
    env.step(1);
    assertArrayEquals(frozen.mean(), env.statistics().mean());
    assertEquals(frozen.count(), env.statistics().count());

    Path file = dir.resolve("obs-stats.json");
    env.save(file);
    NormalizeObservation<Integer> restored = new NormalizeObservation<>(new LineWalk());
    restored.load(file);
    assertArrayEquals(frozen.mean(), restored.statistics().mean());
    assertArrayEquals(frozen.var(), restored.statistics().var());
    double[] x = {0.3, 2};
    assertArrayEquals(env.normalize(x), restored.normalize(x));
    try (var listing = Files.list(dir)) {
      assertEquals(1, listing.count(), "no temporary file is left behind");
    }
  }

  @Test
  void corruptStatisticsFilesGiveAClearError(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"mean\": [0, 0], \"var\": [1, -1], \"count\": 3}");
    NormalizeObservation<Integer> env = new NormalizeObservation<>(new LineWalk());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.load(file));
    assertTrue(e.getMessage().contains("not finite") || e.getMessage().contains("var"), e.getMessage());
    Files.writeString(file, "{\"mean\": [0], \"var\": [1], \"count\": 3}");
    e = assertThrows(IllegalArgumentException.class, () -> env.load(file));
    assertTrue(e.getMessage().contains("for 1 values, these are for 2"), e.getMessage());
  }

  @Test
  void runningMeanStdMatchesABatchComputation() {
    RunningMeanStd stats = new RunningMeanStd(1);
    double[][] data = {{1}, {2}, {4}, {8}};
    stats.update(new double[][] {data[0], data[1]});
    stats.update(new double[][] {data[2], data[3]});
    // Exact mean 3.75, population variance 7.1875, slightly pulled toward the prior by the 1e-4 pseudo-count.
    assertEquals(3.75, stats.state().mean()[0], 1e-3);
    assertEquals(7.1875, stats.state().var()[0], 1e-2);
    assertEquals(4.0001, stats.state().count(), 1e-12);
  }

  @Test
  void clipObservationClipsValuesAndTheSpace() {
    ClipObservation<Integer> env = new ClipObservation<>(new LineWalk(), -1, 1);
    env.reset(0);
    env.step(1);
    double[] obs = env.step(1).observation();
    assertArrayEquals(new double[] {1, 1}, obs);
    Box space = (Box) env.observationSpace();
    assertEquals(-1, space.low(0));
    assertEquals(1, space.high(1));
  }

  @Test
  void normalizeRewardDividesByTheReturnStdAndResetsOnlyOnTermination() {
    NormalizeReward<double[], Integer> env = new NormalizeReward<>(new LineWalk(), 0.5, 1e-8);
    RunningMeanStd expected = new RunningMeanStd(1);
    env.reset(0);
    double g = 0;
    for (int t = 0; t < 3; t++) {
      Step<double[]> step = env.step(1);
      g = g * 0.5 * (step.terminated() ? 0 : 1) + 1;
      expected.update(new double[] {g});
      assertEquals(1 / Math.sqrt(expected.state().var()[0] + 1e-8), step.reward(), 1e-12);
    }
    env.reset(0);
    Step<double[]> afterTermination = env.step(1);
    g = g * 0.5 + 1; // the terminating step already started G afresh (G = r); reset does not touch it
    expected.update(new double[] {g});
    assertEquals(1 / Math.sqrt(expected.state().var()[0] + 1e-8), afterTermination.reward(), 1e-12);
  }

  @Test
  void clipActionClipsIntoTheInnerBoxButRefusesNan() {
    PointMass inner = new PointMass();
    ClipAction<double[]> env = new ClipAction<>(inner);
    env.reset(0);
    assertArrayEquals(new double[] {1}, env.step(new double[] {5}).observation());
    assertArrayEquals(new double[] {-1}, env.step(new double[] {-1e9}).observation());
    assertThrows(InvalidActionException.class, () -> env.step(new double[] {Double.NaN}));
    assertThrows(InvalidActionException.class, () -> env.step(new double[] {0, 0}));
    assertThrows(InvalidActionException.class, () -> inner.step(new double[] {1.5}), "the inner env never clips");
  }

  /** Observation = last action; action space Box(-1, 1). */
  private static final class PointMass extends BaseEnv<double[], double[]> {
    private final Box space = Box.uniform(-1, 1, new int[] {1}, DType.FLOAT32);

    @Override
    protected Reset<double[]> resetEpisode(Map<String, Object> options) {
      return new Reset<>(new double[] {0}, Map.of());
    }

    @Override
    protected Step<double[]> stepEpisode(double[] action) {
      return new Step<>(action.clone(), 0, false, false, Map.of());
    }

    @Override
    public Space<double[]> observationSpace() {
      return space;
    }

    @Override
    public Space<double[]> actionSpace() {
      return space;
    }
  }
}
