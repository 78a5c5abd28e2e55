package org.samdp.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading, checking and expanding sweep files (no Ray, no training). */
class SweepFileTest {
  private static final String FILE = """
      out: runs/sweep
      retries: 3
      episodes: 5
      jobs:
        - name: ppo
          algo: ppo
          preset: cartpole
          set: {totalSteps: 512}
          grid: {ppo.clip: [0.1, 0.2]}
          seeds: 2
          attacks:
            - {attack: [random, mad], eps: [0.1, 0.2], grid: {mad.steps: [5, 10]}}
          certify:
            - {eps: 0.1, method: [IBP]}
        - name: dqn
          algo: dqn
          env: CartPole-v1
          seeds: [7]
      """;

  @Test
  void everyGridSettingAndSeedTrainsAnAgentThatEachEvaluationJobReads() {
    SweepFile file = SweepFile.parse(FILE);
    assertEquals(Path.of("runs/sweep"), file.out());
    assertEquals(3, file.retries());
    List<SweepJob> jobs = SweepPlan.expand(file);
    // ppo: 2 settings x 2 seeds x (1 training + 2 attack settings + 1 certificate); dqn: one agent.
    assertEquals(2 * 2 * 4 + 1, jobs.size());
    SweepJob first = jobs.get(0);
    assertEquals("ppo_ppo.clip=0.1_seed=1", first.id());
    assertEquals("ppo (ppo.clip=0.1)", first.method());
    assertEquals(List.of("train", "--algo", "ppo", "--preset", "cartpole", "--set", "totalSteps=512", "--set",
        "ppo.clip=0.1", "--set", "seed=1"), first.arguments());
    SweepJob attack = jobs.get(2);
    assertEquals("ppo_ppo.clip=0.1_seed=1.attack-1_mad.steps=10", attack.id());
    assertEquals(first.id(), attack.after());
    assertEquals(first.run(), attack.run());
    assertEquals(List.of("attack", "--eps", "0.1,0.2", "--attack", "random,mad", "--set", "mad.steps=10",
        "--episodes", "5", "--seed", "12345"), attack.arguments());
    SweepJob certify = jobs.get(3);
    assertEquals(List.of("certify", "--eps", "0.1", "--method", "IBP", "--episodes", "5", "--seed", "12345"),
        certify.arguments());
    assertEquals("dqn_seed=7", jobs.get(jobs.size() - 1).id());
    assertEquals(jobs.size(), jobs.stream().map(SweepJob::id).distinct().count(), "ids are unique");
  }

  @Test
  void badFilesAreRefusedWithThePlaceOfTheMistake() {
    assertEquals("unknown key 'sede' in jobs[0] (known: algo, attacks, certify, env, grid, name, preset, seeds,"
        + " set)", refused("jobs: [{name: a, algo: ppo, env: CartPole-v1, sede: 2}]"));
    assertEquals("jobs[0].grid.ppo.clip is empty: give it at least one value (or leave the key out)",
        refused("jobs: [{name: a, algo: ppo, env: CartPole-v1, grid: {ppo.clip: []}}]"));
    assertEquals("jobs[0].seeds is empty: give it at least one value (or leave the key out)",
        refused("jobs: [{name: a, algo: ppo, env: CartPole-v1, seeds: []}]"));
    assertEquals("jobs[0]: give either env: or preset:", refused("jobs: [{name: a, algo: ppo}]"));
    assertEquals("two jobs are named a; give each job its own name",
        refused("jobs: [{name: a, algo: ppo, env: CartPole-v1}, {name: a, algo: dqn, env: CartPole-v1}]"));
    assertEquals("unknown key 'attacks' in jobs[0].attacks[0] (known: attack, eps, grid, set)",
        refused("jobs: [{name: a, algo: ppo, env: CartPole-v1, attacks: [{attacks: [mad], eps: 0.1}]}]"));
    assertEquals("the file has no out: (it is required)", assertThrows(IllegalArgumentException.class,
        () -> SweepFile.parse("jobs: [{name: a, algo: ppo, env: CartPole-v1}]")).getMessage());
  }

  @Test
  void settingsAndAttacksAreCheckedBeforeAnythingRuns() {
    String unknownSetting = expansionRefused("jobs: [{name: a, algo: ppo, env: CartPole-v1, grid: {ppo.clipp:"
        + " [0.1]}}]");
    assertTrue(unknownSetting.startsWith("jobs[0] (a): ") && unknownSetting.contains("ppo.clipp"), unknownSetting);
    String unknownAttack = expansionRefused("jobs: [{name: a, algo: ppo, env: CartPole-v1, attacks: [{attack:"
        + " [strong], eps: 0.1}]}]");
    assertTrue(unknownAttack.startsWith("jobs[0] (a).attacks[0]: unknown attack strong"), unknownAttack);
    String unusedKey = expansionRefused("jobs: [{name: a, algo: ppo, env: CartPole-v1, grid: {robust.eps: [0.1]}}]");
    assertTrue(unusedKey.startsWith("jobs[0] (a)") && unusedKey.contains("robust.eps is not used by this"
        + " configuration (only SA-PPO trains with the regulariser: --algo sa-ppo)"), unusedKey);
    String unreadSetting = expansionRefused("jobs: [{name: a, algo: ppo, env: CartPole-v1, attacks: [{attack:"
        + " [random], eps: 0.1, set: {mad.steps: 5}}]}]");
    assertTrue(unreadSetting.startsWith("jobs[0] (a).attacks[0]: set mad.steps=5: mad.steps is a setting of mad"),
        unreadSetting);
  }

  private static String refused(String jobs) {
    return assertThrows(IllegalArgumentException.class, () -> SweepFile.parse("out: x\n" + jobs)).getMessage();
  }

  private static String expansionRefused(String jobs) {
    SweepFile file = SweepFile.parse("out: x\n" + jobs);
    return assertThrows(IllegalArgumentException.class, () -> SweepPlan.expand(file)).getMessage();
  }
}
