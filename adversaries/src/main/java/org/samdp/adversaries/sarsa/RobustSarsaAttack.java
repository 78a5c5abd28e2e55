package org.samdp.adversaries.sarsa;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.samdp.adversaries.attack.AttackConfig;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.adversaries.attack.RandomAttack;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ProjectedGradient;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.Scalars;
import org.samdp.bounds.network.Network;

/**
 * The Robust Sarsa attack and RS+MAD (dissertation §6.4.2, and the two forms of the authors' code, D6 in the spec):
 * with the learned {@code Q_RS} of the victim ({@link RobustSarsaTrainer}, {@link DdpgSarsaTrainer}), K projected
 * sign-gradient steps of η minimise {@code (1 − r)·Q_RS(s₀, a(ŝ)) − r·mean_i ((a_i(ŝ) − a_i(s₀)) / σ_i)²} over
 * ŝ ∈ B(s₀), from a uniform random start {@code ŝ₀ = s₀ + U(−η, η)} (clipped to the valid range). {@code r = 0} is the
 * plain RS attack. The PPO form takes σ_i = 1 (σ̄ = 1, as under deterministic evaluation) and ratios r of 1e-6 to
 * 3e-2; the DDPG form divides each action's change by its action std, and the authors weight the MAD term near 1 (r of
 * 0.25 to 0.9999: their {@code (1 − r)·mean Q_RS − r·MSE(π(ŝ)/σ, π(s₀)/σ)}).
 *
 * <p>{@code a(ŝ)} is the victim's differentiable action ({@link #victimAction}): the Gaussian mean, the deterministic
 * actor's output, or for Discrete action spaces the probabilities (softmax of the logits, or of the Q values of a
 * DQN), which stand in for the one-hot actions Q_RS was trained on. Against a deterministic actor with a critic of
 * {@link DdpgSarsaTrainer}, the plain attack is the DDPG code's RS attack: the critic attack
 * {@code Q(s₀, π(ŝ))} with Q_RS in place of the agent's critic.
 */
public final class RobustSarsaAttack implements ObservationAdversary {
  private final Network q;
  private final ProjectedGradient solver;
  private final int steps;
  private final Double stepSize;
  private final double madRatio;
  /** Per action dimension, what the MAD term divides action changes by (null: 1, the PPO form). */
  private final float[] madScale;
  private final RandomGenerator random;

  /**
   * The PPO form (σ_i = 1).
   *
   * @param q the victim's Q_RS over (normalized state, action); only its inputs are differentiated
   * @param steps K (10)
   * @param stepSize η, or null for ε/K
   * @param madRatio r in [0, 1]: the MAD term's weight; 0 for the plain RS attack (the authors scan 1e-6 to 3e-2)
   * @param random source of the random start
   */
  public RobustSarsaAttack(Network q, int steps, Double stepSize, double madRatio, RandomGenerator random) {
    this(q, steps, stepSize, madRatio, null, random);
  }

  /**
   * The DDPG form when {@code actionStd} is given, the PPO form when it is null.
   *
   * @param actionStd per action dimension, the std that divides the action's change in the MAD term (the SA-DDPG
   *     authors' per-env constants), or null for 1
   * @throws IllegalArgumentException for bad settings, or an action std that is not positive and finite
   */
  public RobustSarsaAttack(Network q, int steps, Double stepSize, double madRatio, double[] actionStd,
      RandomGenerator random) {
    if (q.inputShape().dimension() != 1) {
      throw new IllegalArgumentException("Q_RS takes flat (state, action) rows, got input shape " + q.inputShape());
    }
    if (!(madRatio >= 0 && madRatio <= 1)) {
      throw new IllegalArgumentException("rs.madRatio must be in [0, 1], got " + madRatio);
    }
    if (actionStd != null && Arrays.stream(actionStd).anyMatch(s -> !(s > 0) || Double.isInfinite(s))) {
      throw new IllegalArgumentException("the MAD term's action stds must be positive and finite, got "
          + Arrays.toString(actionStd));
    }
    this.q = q.mapParameters(NDArray::stopGradient);
    this.steps = AttackConfig.requireSteps("rs", steps, stepSize);
    this.stepSize = stepSize;
    this.madRatio = madRatio;
    this.madScale = actionStd == null ? null : toFloats(actionStd);
    this.random = random;
    this.solver = new ProjectedGradient(steps, stepSize, false, 0);
  }

  private static float[] toFloats(double[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }

  /**
   * The victim's action as a differentiable function of its normalized observations, {@code [B, n]}: the network's
   * output (Gaussian mean, actor output), or its softmax for Discrete action spaces (categorical logits, Q values).
   */
  public static NDArray victimAction(Policy victim, NDArray normalized) {
    NDArray output = victim.network().forward(normalized);
    return victim.kind().isDiscrete() ? output.softmax(1) : output;
  }

  /**
   * @throws IllegalArgumentException for a stateful victim, or one whose observation and action sizes do not add up
   *     to Q_RS's input size
   */
  @Override
  public NDArray perturb(Policy victim, PolicyState victimState, NDArray states, ThreatModel threat) {
    Attacks.requireStateless("rs", victim);
    if (threat.eps() == 0) {
      return states.duplicate();
    }
    Policy view = victim.detached();
    NDArray clean = states.stopGradient();
    long batch = clean.getShape().get(0);
    NDArray cleanStates = clean.reshape(batch, -1);
    NDArray cleanAction = victimAction(view, clean);
    long inputSize = cleanStates.getShape().get(1) + cleanAction.getShape().get(1);
    if (inputSize != q.inputShape().get(0)) {
      throw new IllegalArgumentException("Q_RS takes " + q.inputShape().get(0) + " inputs, and this victim's"
          + " observation and action make " + inputSize);
    }
    if (madScale != null && madScale.length != cleanAction.getShape().get(1)) {
      throw new IllegalArgumentException("the MAD term has " + madScale.length + " action stds, and this victim acts"
          + " in " + cleanAction.getShape().get(1) + " dimensions");
    }
    NDArray scale = madScale == null ? null : clean.getManager().create(madScale).reshape(1, madScale.length);
    double eta = stepSize == null ? threat.eps() / steps : stepSize;
    NDArray start = new RandomAttack(random).perturb(victim, victimState, clean, threat.withEps(eta));
    return solver.maximize(candidates -> {
      NDArray action = victimAction(view, candidates);
      NDArray qValue = q.forward(cleanStates.concat(action, 1)).reshape(-1);
      NDArray change = scale == null ? action.sub(cleanAction) : action.sub(cleanAction).div(scale);
      NDArray madLoss = change.square().mean(new int[] {1}).neg();
      // The attack minimises the loss; the solver maximises, hence the sign.
      return Scalars.mul(qValue, 1 - madRatio).add(Scalars.mul(madLoss, madRatio)).neg();
    }, states, start, threat, random);
  }
}
