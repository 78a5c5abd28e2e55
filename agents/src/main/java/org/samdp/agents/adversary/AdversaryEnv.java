package org.samdp.agents.adversary;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.samdp.agents.policy.Acting;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.envs.Env;
import org.samdp.envs.EnvSpec;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.DType;
import org.samdp.envs.spaces.Discrete;
import org.samdp.envs.spaces.Space;

/**
 * The adversary's MDP of a fixed victim (Lemma 6.2.7; Algorithm 6.12) as an env, so that samdp's PPO trains an
 * adversary like any agent. It observes the victim's <em>true</em> normalized state s (the victim's normaliser is
 * frozen); its action Δ ∈ R^|S| becomes the victim's view {@code ŝ = s + ε·clamp(Δ, −1, 1)} within B(s); the victim
 * acts on ŝ and the env steps from its true state; the adversary earns {@code −r}, minus the victim's reward (its
 * learner scales rewards as the victim's did, so this is the authors' negated normalized reward up to that scaling).
 * Episode ends pass through unchanged.
 *
 * <p>The victim samples its actions during training (as in the authors' adversary rollouts) or acts
 * deterministically; its generator is reseeded from each reset's seed, so an episode is a function of its seed and
 * the adversary's actions, and the episode loop's replay can resume a run exactly. The info of each step holds the
 * victim's reward as {@value #VICTIM_REWARD}.
 */
public final class AdversaryEnv implements Env<double[], double[]> {
  /** The info key of the victim's own reward. */
  public static final String VICTIM_REWARD = "victim_reward";

  private final Env<double[], Object> victimEnv;
  private final Policy victim;
  private final boolean victimSamples;
  private final NDManager manager;
  private final ThreatModel threat;
  private final Box observationSpace;
  private final Box actionSpace;
  private final EnvSpec spec;
  private SplitMix64 random = new SplitMix64(0);
  private double[] observation;
  private PolicyState victimState = PolicyState.NONE;
  private NDManager victimStateArrays;
  private boolean episodeStart;

  /**
   * @param victimEnv the victim's env (its Box actions clipped, as {@link EnvSource#registered} makes them); closed
   *     with this env
   * @param victim the fixed victim, its normaliser frozen
   * @param threat B(s) in the victim's normalized observation space (the ℓ∞ ball the adversary's action spans)
   * @param victimSamples whether the victim samples its actions (training) or acts by its mode
   */
  @SuppressWarnings("unchecked")
  public AdversaryEnv(Env<?, ?> victimEnv, Policy victim, ThreatModel threat, boolean victimSamples) {
    if (!(victimEnv.observationSpace() instanceof Box box)) {
      victimEnv.close();
      throw new IllegalArgumentException(victimEnv.spec().id() + " has observation space "
          + victimEnv.observationSpace() + "; the adversary's MDP needs a Box observation space");
    }
    this.victimEnv = (Env<double[], Object>) victimEnv;
    this.victim = victim;
    this.victimSamples = victimSamples;
    this.manager = NDManager.newBaseManager();
    this.threat = threat;
    int size = box.flatSize();
    this.observationSpace = Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, new int[] {size},
        DType.FLOAT32);
    this.actionSpace = Box.uniform(-1, 1, new int[] {size}, DType.FLOAT32);
    EnvSpec inner = victimEnv.spec();
    this.spec = new EnvSpec("Adversary(" + inner.id() + ")", inner.maxEpisodeSteps(), Double.NaN,
        inner.nondeterministic());
  }

  /**
   * The adversary's MDP over each of {@code victimEnvs}' envs.
   *
   * @see #AdversaryEnv
   */
  public static EnvSource source(EnvSource victimEnvs, Policy victim, ThreatModel threat, boolean victimSamples) {
    return index -> new AdversaryEnv(victimEnvs.make(index), victim, threat, victimSamples);
  }

  @Override
  public Reset<double[]> reset(Long seed, Map<String, Object> options) {
    Reset<double[]> reset = victimEnv.reset(seed, options);
    if (seed != null) {
      random = new SplitMix64(SplitMix64.hash(seed, 0x5a17));
    }
    observation = reset.observation();
    episodeStart = true;
    return new Reset<>(normalized(observation), reset.info());
  }

  /**
   * One step of the victim under the perturbation Δ.
   *
   * @param delta Δ, any real values; clamped to [−1, 1] per value
   */
  @Override
  public Step<double[]> step(double[] delta) {
    if (observation == null) {
      throw new IllegalStateException("call reset() before step()");
    }
    if (delta.length != actionSpace.flatSize()) {
      throw new IllegalArgumentException("the adversary's action has " + delta.length + " values, expected "
          + actionSpace.flatSize());
    }
    Object action;
    try (NDManager scope = manager.newSubManager()) {
      NDArray states = victim.normalize(scope, new double[][] {observation});
      float[] values = new float[delta.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) delta[i];
      }
      NDArray seen = LearnedAdversary.perturbed(states, scope.create(values, states.getShape()), threat);
      Acting acting = victim.act(seen, stateFor(scope), new boolean[] {episodeStart}, !victimSamples, random);
      action = envAction(acting.actions());
      keep(acting.next());
    }
    Step<double[]> step = victimEnv.step(action);
    observation = step.observation();
    episodeStart = false;
    Map<String, Object> info = new HashMap<>(step.info());
    info.put(VICTIM_REWARD, step.reward());
    return new Step<>(normalized(observation), -step.reward(), step.terminated(), step.truncated(), info);
  }

  /** The victim's state before this step: fresh at an episode's start. */
  private PolicyState stateFor(NDManager scope) {
    if (!victim.isStateful()) {
      return PolicyState.NONE;
    }
    return episodeStart ? victim.initialState(scope, 1) : victimState;
  }

  private void keep(PolicyState next) {
    if (next.isEmpty()) {
      return;
    }
    NDManager owner = manager.newSubManager();
    next.attach(owner);
    if (victimStateArrays != null) {
      victimStateArrays.close();
    }
    victimStateArrays = owner;
    victimState = next;
  }

  private Object envAction(NDArray actions) {
    Space<?> space = victimEnv.actionSpace();
    if (space instanceof Discrete discrete) {
      return discrete.start() + (int) actions.toType(DataType.INT64, false).toLongArray()[0];
    }
    float[] values = actions.toType(DataType.FLOAT32, false).toFloatArray();
    double[] action = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      action[i] = values[i];
    }
    return action;
  }

  /** The victim's normalized view of a raw observation, flat, in double precision. */
  private double[] normalized(double[] raw) {
    try (NDManager scope = manager.newSubManager()) {
      float[] values = victim.normalize(scope, new double[][] {raw}).toFloatArray();
      double[] flat = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        flat[i] = values[i];
      }
      return flat;
    }
  }

  /** B(s), as the adversary's actions are applied in it. */
  public ThreatModel threat() {
    return threat;
  }

  @Override
  public Space<double[]> observationSpace() {
    return observationSpace;
  }

  @Override
  public Space<double[]> actionSpace() {
    return actionSpace;
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  @Override
  public Env<?, ?> unwrapped() {
    return victimEnv.unwrapped();
  }

  @Override
  public void close() {
    victimEnv.close();
    manager.close();
  }

  @Override
  public String toString() {
    return spec.id() + " (eps " + threat.eps() + ", victim " + (victimSamples ? "sampling" : "deterministic") + ")";
  }

  /** For tests: the victim's current raw observation. */
  double[] victimObservation() {
    return Arrays.copyOf(observation, observation.length);
  }
}
