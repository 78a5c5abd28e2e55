package org.samdp.adversaries.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.adversaries.attack.AttackConfig;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.policy.Acting;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.CategoricalPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicySpec;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.network.Network;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.Step;

/**
 * A toy stateful policy (its action depends on the previous observation) goes through the episode loop, the
 * robustness evaluation, an attack and a checkpoint round trip, its state reset where episodes start.
 */
class StatefulPolicyTest {
  private static final EnvSource CART_POLE = EnvSource.registered("CartPole-v1");

  @TempDir
  Path dir;

  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  /**
   * Pushes the cart the way the pole was turning one step earlier, which balances it for a while (a hundred to a few
   * hundred steps): the logits over [previous, current] observation are (0, θ'_prev). Its state is the previous
   * observation; where an episode starts, the current one stands in for it.
   */
  static final class PreviousObservationPolicy implements Policy {
    private final CategoricalPolicy logits;

    PreviousObservationPolicy(CategoricalPolicy logits) {
      this.logits = logits;
    }

    static PreviousObservationPolicy create(NDManager manager) {
      PolicySpec spec = new PolicySpec(PolicyKind.CATEGORICAL, List.of(8), NetworkSpec.mlp(List.of(), "tanh", 2, 1.0),
          2);
      Network network = spec.network().build(new Shape(8), manager, DataType.FLOAT32, 1);
      network.parameters().get(0).set(new NDIndex("..."),
          manager.create(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0}, new Shape(2, 8)));
      network.parameters().get(1).set(new NDIndex("..."), manager.zeros(new Shape(2)));
      return new PreviousObservationPolicy(new CategoricalPolicy(spec, ObservationNormalizer.identity(8), network));
    }

    CategoricalPolicy logits() {
      return logits;
    }

    @Override
    public PolicyKind kind() {
      return PolicyKind.CATEGORICAL;
    }

    @Override
    public ObservationNormalizer normalizer() {
      return ObservationNormalizer.identity(4);
    }

    @Override
    public Network network() {
      return logits.network();
    }

    @Override
    public List<NDArray> parameters() {
      return logits.parameters();
    }

    @Override
    public ActionDistribution distribution(NDArray normalized) {
      throw new UnsupportedOperationException("the toy acts only through its state");
    }

    /** With the history paused: the logits over [state, observation], the state not advanced. */
    @Override
    public ActionDistribution distribution(NDArray normalized, PolicyState state) {
      return logits.distribution(state.arrays().get(0).concat(normalized, 1));
    }

    @Override
    public boolean isStateful() {
      return true;
    }

    @Override
    public PolicyState initialState(NDManager manager, int batch) {
      return PolicyState.of(manager.zeros(new Shape(batch, 4)));
    }

    @Override
    public Acting act(NDArray normalized, PolicyState state, boolean[] episodeStart, boolean deterministic,
        RandomGenerator random) {
      NDArray starts = normalized.getManager().create(episodeStart).reshape(episodeStart.length, 1)
        .broadcast(normalized.getShape());
      NDArray previous = NDArrays.where(starts, normalized, state.arrays().get(0));
      Acting acting = logits.act(previous.concat(normalized, 1), PolicyState.NONE, episodeStart, deterministic,
          random);
      return new Acting(acting.actions(), acting.distribution(), PolicyState.of(normalized.duplicate()));
    }

    @Override
    public Policy detached() {
      return new PreviousObservationPolicy(logits.detached());
    }

    @Override
    public PolicySpec spec() {
      return logits.spec();
    }
  }

  /** The episode's length played by hand on one env, with the previous observation kept in a local variable. */
  private static int playByHand(long seed) {
    try (Env<?, ?> raw = EnvRegistry.make("CartPole-v1")) {
      @SuppressWarnings("unchecked")
      Env<double[], Integer> env = (Env<double[], Integer>) raw;
      double[] observation = env.reset(seed, Map.of()).observation();
      double[] previous = observation;
      int length = 0;
      boolean done = false;
      while (!done) {
        float logit = (float) previous[3];
        Step<double[]> step = env.step(logit > 0 ? 1 : 0);
        previous = observation;
        observation = step.observation();
        length++;
        done = step.done();
      }
      return length;
    }
  }

  private static EvaluationResult evaluate(Policy policy, double eps, String attack) {
    ThreatModel threat = RobustnessEvaluation.threatModel(policy, CART_POLE, eps);
    return RobustnessEvaluation.run(policy, CART_POLE, threat,
        attack == null ? null : Attacks.create(attack, AttackConfig.DEFAULTS, policy.kind(), null, 3), null,
        new RobustnessEvaluation.Settings(7, 11, 3), null);
  }

  @Test
  void theLoopThreadsTheStateThroughEpisodesRunSideBySideAndResetsItAtEachStart() {
    PreviousObservationPolicy policy = PreviousObservationPolicy.create(manager);
    EvaluationResult result = evaluate(policy, 0, null);
    assertEquals(7, result.episodes().size());
    int[] lengths = result.episodes().stream().mapToInt(Episode::length).toArray();
    int[] byHand = result.episodes().stream().mapToInt(e -> playByHand(e.seed())).toArray();
    assertArrayEquals(byHand, lengths);
    assertTrue(java.util.Arrays.stream(lengths).distinct().count() > 2, "want episodes that differ: "
        + java.util.Arrays.toString(lengths));
  }

  @Test
  void randomAndMadAttacksChangeWhatTheStatefulPolicySeesAndAttacksThatCannotPauseItRefuseByName() {
    PreviousObservationPolicy policy = PreviousObservationPolicy.create(manager);
    double[] natural = evaluate(policy, 0, null).returns();
    double[] attacked = evaluate(policy, 0.5, "random").returns();
    assertFalse(java.util.Arrays.equals(natural, attacked), "noise of 0.5 on the pole's angle changes the episodes");
    double[] mad = evaluate(policy, 0.5, "mad").returns();
    assertFalse(java.util.Arrays.equals(natural, mad), "MAD queries the paused history and changes the episodes");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Attacks.requireApplicable(List.of("rs"), policy.kind(), true, policy.isStateful()));
    assertTrue(e.getMessage().contains("this policy is stateful"), e.getMessage());
  }

  @Test
  void aCheckpointOfSeveralNamedPoliciesRoundTripsAndTheStatefulOneActsTheSame() {
    PreviousObservationPolicy policy = PreviousObservationPolicy.create(manager);
    CategoricalPolicy other = CategoricalPolicy.create(4, 2, List.of(8), "tanh", ObservationNormalizer.identity(4),
        manager, 5);
    Policies.save(Map.of(Policies.AGENT, policy.logits(), "adversary", other), dir);
    assertEquals(List.of(Policies.AGENT, "adversary"), Policies.names(dir));
    Policy restored = new PreviousObservationPolicy((CategoricalPolicy) Policies.load(dir, Policies.AGENT, manager));
    assertArrayEquals(evaluate(policy, 0, null).returns(), evaluate(restored, 0, null).returns());
    Policy adversary = Policies.load(dir, "adversary", manager);
    assertArrayEquals(other.parameters().get(0).toFloatArray(), adversary.parameters().get(0).toFloatArray());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Policies.load(dir, "critic", manager));
    assertTrue(e.getMessage().contains("holds no policy 'critic'; it holds [agent, adversary]"), e.getMessage());
  }
}
