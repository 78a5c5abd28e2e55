package org.samdp.adversaries.sarsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.agents.config.ConfigException;
import org.samdp.agents.config.ConfigLoader;

/** The configuration's defaults, loading, range checks and schedules. */
class RobustSarsaConfigTest {
  @TempDir
  Path dir;

  private static final ConfigLoader<RobustSarsaConfig> LOADER =
      new ConfigLoader<>(RobustSarsaConfig.class, RobustSarsaConfig.defaults("Hopper-v4"));

  @Test
  void defaultsAreTheAuthorsThirtyIterationsAndLoadWithOverrides() throws IOException {
    RobustSarsaConfig config = LOADER.load(null, List.of());
    assertEquals(30, config.iterations());
    assertEquals(61_440, config.roundedSteps());
    assertEquals(320, config.minibatchesPerIteration());
    assertEquals(0.1, config.robust().kappa());
    assertTrue(config.robustEnabled());
    assertEquals("robust-sarsa", config.algorithm());

    RobustSarsaConfig changed = LOADER.load(null, List.of("reg=0", "eps=0.1", "scaleRewards=false",
        "run.checkpointEvery=5"));
    assertEquals(0, changed.reg());
    assertEquals(0.1, changed.eps());
    assertFalse(changed.scaleRewards());
    assertEquals(5, changed.run().checkpointEvery());
    assertFalse(changed.robustEnabled());
    // What a run directory records as resolved loads back to the same configuration.
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, changed.toYaml());
    assertEquals(changed, new ConfigLoader<>(RobustSarsaConfig.class, RobustSarsaConfig.defaults("unset"))
        .load(file, List.of()));
  }

  @Test
  void badValuesAreRejectedByKey() {
    for (String[] bad : new String[][] {{"minibatchSize=100", "minibatchSize"}, {"gamma=1.5", "gamma"},
        {"eps=-1", "eps"}, {"reg=-0.1", "reg"}, {"learningRate=0", "learningRate"}, {"epochs=0", "epochs"},
        {"run.keepCheckpoints=0", "run.keepCheckpoints"}, {"unknownKey=1", "unknownKey"}}) {
      ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load(null, List.of(bad[0])), bad[0]);
      assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
    }
  }

  @Test
  void theRegularizerRampsPerMinibatchOverTheMiddleThirdAndTheLearningRateFallsOverTheLast() {
    RobustSarsaConfig config = RobustSarsaConfig.defaults("Hopper-v4");
    int m = config.minibatchesPerIteration();
    assertEquals(0, config.epsilon(9, m - 1), "off for iterations 1..9");
    assertEquals(0, config.epsilon(10, 0), "the ramp starts from 0");
    assertEquals(0.02 * 0.05, config.epsilon(10, m / 2), 1e-12, "half-way through iteration 10: 1/20 of eps");
    assertEquals(0.02 * 0.95, config.epsilon(19, m / 2), 1e-12);
    assertEquals(0.02, config.epsilon(20, 0), 1e-12, "at eps from iteration 20 on");
    assertEquals(0.02, config.epsilon(30, m - 1), 1e-12);
    // CROWN-IBP weight in the bound engine's convention: 1 - the IBP weight the authors schedule.
    assertEquals(1, config.crownIbpWeight(9, 0));
    assertEquals(0.5, config.crownIbpWeight(15, 0), 1e-12);
    assertEquals(0, config.crownIbpWeight(20, 0));

    assertEquals(1, config.learningRateFactor(1));
    assertEquals(1, config.learningRateFactor(21));
    assertEquals(0.9, config.learningRateFactor(22), 1e-12);
    assertEquals(0.1, config.learningRateFactor(30), 1e-12);
    RobustSarsaConfig constant = LOADER.load(null, List.of("annealLearningRate=false"));
    assertEquals(1, constant.learningRateFactor(30));
  }
}
