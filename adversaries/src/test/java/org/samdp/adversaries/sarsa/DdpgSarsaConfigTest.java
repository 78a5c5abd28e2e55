package org.samdp.adversaries.sarsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.agents.config.ConfigLoader;
import org.samdp.agents.ddpg.DdpgConfig;

/** The DDPG form's schedule, action scale and range checks. */
class DdpgSarsaConfigTest {
  private static final ConfigLoader<DdpgSarsaConfig> LOADER = DdpgSarsaTrainer.loader("Hopper-v4",
      DdpgConfig.Ddpg.DEFAULTS);

  /** The authors' defaults: 1e5 samples then 3e4 updates, p and the CROWN weight ramped over updates 1e4 to 2e4. */
  @Test
  void theScheduleRampsOverTheSecondTenThousandUpdates() {
    DdpgSarsaConfig config = LOADER.load(null, List.of());
    assertEquals(130, config.iterations());
    assertEquals(100, config.samplingIterations());
    assertEquals(0.0, config.actionEpsilon(10_000));
    assertEquals(1.0, config.crownIbpWeight(10_000));
    assertEquals(0.15, config.actionEpsilon(15_000), 1e-12);
    assertEquals(0.5, config.crownIbpWeight(15_000), 1e-12);
    assertEquals(0.3, config.actionEpsilon(29_999), 1e-12);
    assertEquals(0.0, config.crownIbpWeight(20_000));
  }

  /** The ball's scale: the authors' action stds where they have them, else ones, or the configured values. */
  @Test
  void theActionScaleIsTheAuthorsStdElseOnes() {
    assertArrayEquals(new double[] {0.60057, 0.70842, 0.79983}, LOADER.load(null, List.of()).actionScale(3));
    assertArrayEquals(new double[] {1}, LOADER.load(null, List.of("env=Pendulum-v1")).actionScale(1));
    assertArrayEquals(new double[] {0.5}, LOADER.load(null, List.of("env=Pendulum-v1", "actionStd=[0.5]"))
        .actionScale(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LOADER.load(null, List.of("actionStd=[0.5]")).actionScale(3));
    assertTrue(e.getMessage().contains("actionStd has 1 values"), e.getMessage());
  }

  @Test
  void rangeChecksNameTheKey() {
    for (String[] bad : new String[][] {{"updates=1500", "must be multiples of stepsPerIteration"},
        {"eps=-1", "eps must be >= 0"}, {"reg=-1", "reg must be >= 0"}, {"tau=2", "tau must be in [0, 1]"},
        {"rampLength=0", "rampLength must be positive"}}) {
      Exception e = assertThrows(Exception.class, () -> LOADER.load(null, List.of(bad[0])));
      assertTrue(String.valueOf(e.getMessage()).contains(bad[1])
          || e.getCause() != null && String.valueOf(e.getCause().getMessage()).contains(bad[1]), bad[0] + ": "
          + e.getMessage());
    }
  }
}
