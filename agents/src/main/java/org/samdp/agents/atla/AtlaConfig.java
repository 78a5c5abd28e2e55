package org.samdp.agents.atla;

import static org.samdp.agents.config.Checks.positive;

import java.util.Map;
import org.samdp.agents.ppo.PpoAgentConfig;
import org.samdp.agents.ppo.PpoConfig;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.run.TrainerBase;

/**
 * An ATLA run (Algorithm 6.8): the agent's PPO keys as {@link PpoConfig} has them ({@code ppo}, {@code recurrent},
 * {@code robust} for the SA regulariser) plus the {@code adversary} it trains against. Defaults are the authors'
 * Hopper ATLA-MLP setup; an iteration is one agent PPO iteration and then one adversary PPO iteration, each on its own
 * {@code ppo.stepsPerIteration} fresh steps.
 *
 * @param env environment id, a MuJoCo task with continuous actions such as {@code Hopper-v4}
 * @param seed seed of both learners, the envs, sampling and minibatch order (1); the adversary's is derived from it
 * @param totalSteps the agent's environment steps in all (rounded up to whole iterations); the adversary takes as many
 *     again (2441 iterations of 2048 steps, the ATLA authors' Hopper setup)
 * @param numEnvs parallel environments of each learner (1)
 * @param ppo the agent's PPO hyper-parameters (the adversary shares those it has no key of its own for)
 * @param recurrent the agent's recurrent policy and value function (off: MLPs)
 * @param robust the agent's state-adversarial regulariser (κ > 0: ATLA+SA)
 * @param adversary the learned adversary
 * @param run evaluation during training, checkpointing and logging, as PPO's
 */
public record AtlaConfig(String env, long seed, long totalSteps, int numEnvs, PpoConfig.Ppo ppo,
    PpoConfig.Recurrent recurrent, PpoConfig.Robust robust, Adversary adversary, PpoConfig.Run run)
    implements TrainerBase.Config, PpoAgentConfig {

  /** The algorithm's name. */
  public static final String NAME = "atla-ppo";

  /** Checks what depends on several keys (the agent's, as {@link PpoConfig} checks them). */
  public AtlaConfig {
    agent(env, seed, totalSteps, numEnvs, ppo, recurrent, robust, run);
    if (ppo.stepsPerIteration() % adversary.minibatchSize() != 0) {
      throw new IllegalArgumentException("ppo.stepsPerIteration (" + ppo.stepsPerIteration()
          + ") must be a multiple of adversary.minibatchSize (" + adversary.minibatchSize() + ")");
    }
  }

  /** ATLA-MLP with the authors' Hopper settings on {@code env}: 2441 iterations of 2048 steps. */
  public static AtlaConfig atla(String env) {
    return new AtlaConfig(env, 1, 2441L * 2048, 1, PpoConfig.Ppo.DEFAULTS, PpoConfig.Recurrent.OFF,
        PpoConfig.Robust.OFF, Adversary.DEFAULTS, PpoConfig.Run.DEFAULTS);
  }

  @Override
  public String algorithm() {
    return NAME;
  }

  @Override
  public int stepsPerIteration() {
    return ppo.stepsPerIteration();
  }

  /** The agent's unused keys as PPO's, except the MLP widths, which the adversary's MLP uses. */
  @Override
  public Map<String, String> unusedKeys() {
    return PpoConfig.agentUnusedKeys(recurrent, robust, "they are the agent's SA regulariser (ATLA+SA): set"
        + " robust.kappa > 0 too");
  }

  // Derived values, all here.

  /** The agent learner's configuration: the run's keys without the adversary. */
  @Override
  public PpoConfig agent() {
    return agent(env, seed, totalSteps, numEnvs, ppo, recurrent, robust, run);
  }

  private static PpoConfig agent(String env, long seed, long totalSteps, int numEnvs, PpoConfig.Ppo ppo,
      PpoConfig.Recurrent recurrent, PpoConfig.Robust robust, PpoConfig.Run run) {
    return new PpoConfig(env, seed, totalSteps, numEnvs, ppo, recurrent, robust, run);
  }

  /**
   * The adversary learner's configuration: an MLP Gaussian policy over the agent's normalized states (not normalized
   * again), log σ from {@code adversary.initialLogStd}, its own learning rates, entropy, clip and annealing, its own
   * seed; the rest of the agent's PPO keys.
   */
  public PpoConfig adversaryLearner() {
    return new PpoConfig(env, SplitMix64.hash(seed, 0xad5e), totalSteps, numEnvs, adversaryPpo(ppo, adversary),
        PpoConfig.Recurrent.OFF, PpoConfig.Robust.OFF, run);
  }

  private static PpoConfig.Ppo adversaryPpo(PpoConfig.Ppo p, Adversary a) {
    return new PpoConfig.Ppo(p.stepsPerIteration(), p.gamma(), p.gaeLambda(), a.clip(), p.clipValueLoss(),
        p.valueClip(), p.epochs(), a.minibatchSize(), a.policyLearningRate(), a.valueLearningRate(),
        a.annealLearningRate(), p.adamEps(), a.entropyCoefficient(), p.maxGradNorm(), p.hidden(), p.activation(),
        a.initialLogStd(), false, p.observationClip(), p.scaleRewards(), p.rewardClip(), p.normalizeAdvantages(),
        p.bootstrapTruncated(), p.resetEachIteration());
  }

  /**
   * The learned adversary ν (§3.3 of the ATLA paper): a Gaussian MLP policy (the agent's hidden widths) that observes
   * the agent's true normalized state s and perturbs it to {@code ŝ = s + ε·clamp(Δ, −1, 1)}; during the agent's
   * iterations it samples Δ, and it earns minus the agent's reward in its own.
   *
   * @param eps the radius ε of the ℓ∞ ball it perturbs within, in normalized observation units (> 0; 0.075,
   *     Hopper's ε in the ATLA paper; the presets set each env's)
   * @param policyLearningRate its policy's Adam learning rate (3e-3: the authors' Hopper ATLA-MLP)
   * @param valueLearningRate its value function's Adam learning rate (3e-5: the authors' Hopper ATLA-MLP)
   * @param entropyCoefficient its entropy bonus (0)
   * @param clip its PPO clipping ε (0.2)
   * @param annealLearningRate decay its learning rates linearly to 0 over the run, by its own annealer (true, as the
   *     agent's)
   * @param initialLogStd its starting log σ (0)
   * @param minibatchSize samples per minibatch of its updates (64)
   */
  public record Adversary(double eps, double policyLearningRate, double valueLearningRate, double entropyCoefficient,
      double clip, boolean annealLearningRate, double initialLogStd, int minibatchSize) {
    /** The authors' Hopper ATLA-MLP adversary at Hopper's ε. */
    public static final Adversary DEFAULTS = new Adversary(0.075, 3e-3, 3e-5, 0.0, 0.2, true, 0.0, 64);

    /** Range checks, naming the key. */
    public Adversary {
      if (!(eps > 0) || !Double.isFinite(eps)) {
        throw new IllegalArgumentException("adversary.eps must be a radius > 0 in normalized observation units (ATLA"
            + " trains against an adversary within it; for no adversary use --algo ppo), got " + eps);
      }
      if (!(policyLearningRate > 0) || !(valueLearningRate > 0)) {
        throw new IllegalArgumentException("adversary.policyLearningRate and adversary.valueLearningRate must be"
            + " positive, got " + policyLearningRate + " and " + valueLearningRate);
      }
      if (!(entropyCoefficient >= 0)) {
        throw new IllegalArgumentException("adversary.entropyCoefficient must be >= 0, got " + entropyCoefficient);
      }
      if (!(clip > 0)) {
        throw new IllegalArgumentException("adversary.clip must be positive, got " + clip);
      }
      if (!Double.isFinite(initialLogStd)) {
        throw new IllegalArgumentException("adversary.initialLogStd must be finite, got " + initialLogStd);
      }
      positive("adversary.minibatchSize", minibatchSize);
    }
  }
}
