package org.samdp.experiments.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.samdp.agents.algo.Algorithm;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.atla.AtlaConfig;
import org.samdp.agents.ddpg.DdpgConfig;
import org.samdp.agents.dqn.DqnConfig;
import org.samdp.agents.ppo.PpoConfig;
import org.samdp.agents.run.TrainerBase;

/** Every preset loads into its family's configuration for both variants, and the paper setups carry the paper's values. */
class PresetTest {

  private static <C extends TrainerBase.Config> C load(Algorithm<C> algorithm, String name, String... extra) {
    Preset preset = Preset.load(name, algorithm.name());
    List<String> overrides = new ArrayList<>(preset.overrides(algorithm.robust(), true));
    overrides.addAll(List.of(extra));
    return algorithm.config("unset", null, overrides);
  }

  private static PpoConfig ppo(String name, String algorithm, String... extra) {
    return load(algorithm.equals("sa-ppo") ? Algorithms.SA_PPO : Algorithms.PPO, name, extra);
  }

  private static DqnConfig dqn(String name, String algorithm) {
    return load(algorithm.equals("sa-dqn") ? Algorithms.SA_DQN : Algorithms.DQN, name);
  }

  @Test
  void everyPresetLoadsForBothVariantsOfItsFamily() {
    Map<String, List<String>> index = Preset.index();
    assertEquals(List.of("ppo", "dqn", "ddpg", "atla"), List.copyOf(index.keySet()));
    for (String name : index.get("ppo")) {
      assertFalse(ppo(name, "ppo").robustEnabled(), name);
      assertTrue(ppo(name, "sa-ppo").robustEnabled(), name);
      assertEquals(ppo(name, "ppo").env(), Preset.load(name, "ppo").env());
    }
    for (String name : index.get("dqn")) {
      assertFalse(dqn(name, "dqn").robustEnabled(), name);
      assertTrue(dqn(name, "sa-dqn").robustEnabled(), name);
    }
    for (String name : index.get("ddpg")) {
      assertFalse(load(Algorithms.DDPG, name).robustEnabled(), name);
      DdpgConfig sa = load(Algorithms.SA_DDPG, name);
      assertTrue(sa.robustEnabled(), name);
      assertEquals(name.endsWith("-sgld") ? DdpgConfig.Solver.SGLD : DdpgConfig.Solver.CONVEX, sa.robust().solver());
    }
    assertEquals(12, index.get("atla").size(), "MLP, LSTM and LSTM+SA for Hopper, Walker2d, HalfCheetah and Ant");
    for (String name : index.get("atla")) {
      AtlaConfig atla = load(Algorithms.ATLA_PPO, name);
      assertEquals(name.endsWith("-sa"), atla.robustEnabled(), name);
      assertEquals(name.contains("-lstm"), atla.recurrent().enabled(), name);
      assertEquals(atla.robust().eps(), atla.adversary().eps(), name + ": the regulariser's and the adversary's radius");
      assertTrue(atla.ppo().resetEachIteration() && !atla.ppo().bootstrapTruncated() && atla.ppo().maxGradNorm() == 0,
          name + ": the authors' PPO substrate");
    }
  }

  @Test
  void theAtlaPresetsCarryTheAuthorsReleasedConfigs() {
    AtlaConfig hopper = load(Algorithms.ATLA_PPO, "hopper");
    assertEquals("Hopper-v4", hopper.env());
    assertEquals(2441, hopper.iterations());
    assertEquals(0.075, hopper.adversary().eps());
    assertEquals(3e-3, hopper.adversary().policyLearningRate(), "the released config, not Table 6.10's 1e-3");
    assertEquals(3e-5, hopper.adversary().valueLearningRate());
    assertEquals(1e-2, hopper.ppo().entropyCoefficient());
    assertFalse(hopper.ppo().clipValueLoss());
    AtlaConfig hopperSa = load(Algorithms.ATLA_PPO, "hopper-lstm-sa");
    assertEquals(0.3, hopperSa.robust().kappa());
    assertEquals(2, hopperSa.robust().sgldSteps());
    assertEquals(1e-2, hopperSa.ppo().valueLearningRate(), "the released config, not Table 6.10's 3e-4");
    assertEquals(2048, hopperSa.ppo().minibatchSize());
    AtlaConfig walker = load(Algorithms.ATLA_PPO, "walker2d-lstm");
    assertEquals(0.05, walker.adversary().eps());
    assertEquals(0.4, walker.adversary().clip());
    assertTrue(walker.ppo().clipValueLoss());
    AtlaConfig cheetah = load(Algorithms.ATLA_PPO, "halfcheetah-lstm-sa");
    assertEquals(Math.log(0.5), cheetah.ppo().initialLogStd(), 1e-15);
    assertEquals(0.03, cheetah.robust().kappa());
    AtlaConfig ant = load(Algorithms.ATLA_PPO, "ant-lstm");
    assertEquals(4882, ant.iterations(), "10M agent steps for Ant");
    assertEquals(0.15, ant.adversary().eps());
    assertEquals(2441, load(Algorithms.ATLA_PPO, "ant").iterations());
  }

  @Test
  void theDdpgPresetsCarryTheAuthorsPerEnvironmentSettings() {
    DdpgConfig hopper = load(Algorithms.SA_DDPG, "hopper-sgld");
    assertEquals("Hopper-v4", hopper.env());
    assertEquals(1000, hopper.robust().kappa());
    assertEquals(0.075, hopper.robust().eps());
    assertEquals(1e-4, hopper.ddpg().criticLearningRate());
    DdpgConfig walker = load(Algorithms.SA_DDPG, "walker2d");
    assertEquals(300, walker.robust().kappa());
    assertEquals(1000, load(Algorithms.SA_DDPG, "walker2d-sgld").robust().kappa());
    assertEquals(1e-3, walker.ddpg().criticLearningRate());
    assertEquals(0.3, load(Algorithms.SA_DDPG, "inverted-pendulum").robust().eps());
    assertEquals(1.5, load(Algorithms.SA_DDPG, "reacher").robust().eps());
    assertEquals(0.2, load(Algorithms.SA_DDPG, "ant").robust().eps());
    assertEquals(2_000_000, load(Algorithms.DDPG, "ant").totalSteps());
  }

  @Test
  void thePaperSetupsCarryTheDissertationsHyperParameters() {
    PpoConfig hopper = ppo("hopper", "sa-ppo");
    assertEquals("Hopper-v4", hopper.env());
    assertEquals(976, hopper.iterations(), "2M steps in iterations of 2048 (§6.7.2.1)");
    assertEquals(3e-4, hopper.ppo().policyLearningRate(), "the released config and Table 6.10, not §6.7.2.1's text");
    assertEquals(2.5e-4, hopper.ppo().valueLearningRate());
    assertFalse(hopper.ppo().clipValueLoss());
    assertEquals(0, hopper.ppo().maxGradNorm());
    assertTrue(hopper.ppo().resetEachIteration());
    assertFalse(hopper.ppo().bootstrapTruncated());
    assertEquals(0.075, hopper.robust().eps());
    PpoConfig walker = ppo("walker2d", "sa-ppo");
    assertEquals(4e-4, walker.ppo().policyLearningRate());
    assertEquals(3e-4, walker.ppo().valueLearningRate());
    assertTrue(walker.ppo().clipValueLoss());
    PpoConfig lstm = ppo("hopper-lstm", "sa-ppo");
    assertEquals("lstm", lstm.recurrent().cell());
    assertEquals(100, lstm.recurrent().historyLength());
    assertEquals(2048, lstm.ppo().minibatchSize(), "one Adam step per epoch on the whole rollout (spec 3.5)");
    assertEquals(1e-2, lstm.ppo().valueLearningRate());
    assertEquals(0.3, lstm.robust().kappa());
    assertEquals(2, lstm.robust().sgldSteps());
    assertEquals(PpoConfig.Solver.SGLD, lstm.robust().solver());
    assertFalse(ppo("hopper-lstm", "ppo").robustEnabled());
    PpoConfig humanoid = ppo("humanoid", "ppo");
    assertEquals(4882, humanoid.iterations(), "1e7 steps (§6.7.2.1)");
    assertEquals(5e-5, humanoid.ppo().policyLearningRate());
    assertEquals(1e-5, humanoid.ppo().valueLearningRate());
    assertEquals(List.of(64, 64), humanoid.ppo().hidden());
    DqnConfig breakout = dqn("minatar-breakout", "sa-dqn");
    assertEquals("MinAtar/Breakout-v1", breakout.env());
    assertEquals(DqnConfig.NetworkKind.CNN, breakout.network().kind());
    assertEquals(List.of(new DqnConfig.Conv(16, 3, 1)), breakout.network().convs());
  }

  @Test
  void theUsersOverridesComeAfterThePreset() {
    assertEquals(0.2, ppo("hopper", "sa-ppo", "robust.eps=0.2").robust().eps());
    assertEquals(1024, ppo("cartpole", "ppo", "totalSteps=1024").totalSteps());
  }

  @Test
  void anUnknownPresetNamesTheFamilysPresets() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Preset.load("ant", "sa-ppo"));
    assertTrue(e.getMessage().startsWith("no preset 'ant' for --algo sa-ppo; presets for ppo are hopper, walker2d"),
        e.getMessage());
    assertEquals("ppo", Algorithms.get("SA-PPO").family());
  }
}
