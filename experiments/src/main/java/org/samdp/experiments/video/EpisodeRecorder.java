package org.samdp.experiments.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.samdp.adversaries.eval.RobustnessEvaluation;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.envs.Env;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.Wrapper;
import org.samdp.envs.mujoco.MuJoCoEnv;

/**
 * Plays one deterministic episode of a policy, clean or under an attack, on the evaluation's episode loop (so that a
 * seed gives the episode the attack and certify commands evaluate first), and keeps every true observation and, for
 * MuJoCo envs, every {@code qpos}.
 */
public final class EpisodeRecorder {
  private EpisodeRecorder() {}

  /**
   * @param env the id of the env {@code envs} make
   * @param attack the adversary, or null for a clean episode
   * @param threat the ball it perturbs within (any, for a clean episode)
   */
  public static RecordedEpisode record(String env, Policy policy, EnvSource envs, ObservationAdversary attack,
      ThreatModel threat, long seed) {
    List<double[]> observations = new ArrayList<>();
    List<double[]> positions = new ArrayList<>();
    EnvSource recorded = envs.map(made -> new Recording(made, observations, positions));
    double episodicReturn = RobustnessEvaluation.run(policy, recorded, threat, attack, null,
        RobustnessEvaluation.Settings.of(1, seed), null).episodes().get(0).episodicReturn();
    return new RecordedEpisode(env, List.copyOf(observations), List.copyOf(positions), episodicReturn);
  }

  /** Appends what the env shows after its first reset and each step until that episode ends. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final class Recording extends Wrapper<Object, Object> {
    private final List<double[]> observations;
    private final List<double[]> positions;
    private boolean ended;

    Recording(Env env, List<double[]> observations, List<double[]> positions) {
      super((Env<Object, Object>) env);
      this.observations = observations;
      this.positions = positions;
    }

    @Override
    public Reset<Object> reset(Long seed, Map<String, Object> options) {
      Reset<Object> reset = env.reset(seed, options);
      if (observations.isEmpty()) {
        keep(reset.observation());
      }
      return reset;
    }

    @Override
    public Step<Object> step(Object action) {
      Step<Object> step = env.step(action);
      if (!ended) {
        keep(step.observation());
        ended = step.done();
      }
      return step;
    }

    private void keep(Object observation) {
      observations.add(((double[]) observation).clone());
      if (env.unwrapped() instanceof MuJoCoEnv mujoco) {
        positions.add(mujoco.qpos());
      }
    }
  }
}
