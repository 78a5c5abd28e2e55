package org.samdp.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.rollout.EpisodeLoop;
import org.samdp.agents.rollout.PolicyEvaluation;
import org.samdp.agents.rollout.Transition;
import org.samdp.agents.run.IterationReport;
import org.samdp.agents.run.Trainer;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.certify.ActionCertificate;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.envs.spaces.Box;

/**
 * DQN learns CartPole-v1 with a fixed seed, and SA-DQN's regulariser (convex relaxation), switched on once DQN has
 * learned as the paper schedules it, raises the fraction of the network's greedy actions that are certified at its ε.
 * One run does both: {@value #DQN_STEPS} steps of DQN (the regulariser's warm-up, so bit for bit DQN), evaluated there,
 * then {@value #SA_STEPS} steps with the regulariser (ε ramped over 2k steps, κ 0.005, hinge floor c 0.1), evaluated
 * again. Returns come from greedy evaluation episodes, certificates from the states those episodes visit.
 *
 * <p>The assertions are what held on every seed tried, not on the one that passes. With these settings (MKL's AVX2
 * path) the DQN phase returned 490.5, 500 and 500 with seeds 1, 2 and 3, certifying 0.724, 0.445 and 0.694 of its
 * actions at ε 0.02; after the regulariser the same networks certified 0.929, 0.937 and 0.930. (With 10k regulariser
 * steps ramped over 5k, on MKL's SSE2 path: 0.836, 0.627 and 0.592 before, 0.945, 0.912 and 0.927 after; with DQN
 * training every second step, seed 2 returned only 217.7 at 50k steps.) What the regulariser costs the return is the
 * other half, and it does not go well on CartPole: after it, the greedy return fell to a constant push's (15.6, 18.3
 * and 16.4), because a pole balancer lives on its decision boundary and a margin asked of every replayed state is met
 * by pushing one way. Switched on from 10k steps instead (ramped over 20k), seeds 1, 2 and 3 returned 464.6, 127.7
 * and 224.3 and certified 0.872, 0.847 and 0.802, so not even "more than the same seed's DQN" held on seed 3. The
 * test asserts only the rise in certification and DQN's return.
 */
@Tag("learning")
class DqnLearningTest {
  /** The ε of SA-DQN and of the certificates, in normalized observation units. */
  private static final double EPS = 0.02;
  private static final int EPISODES = 20;
  private static final int DQN_STEPS = 50_000;
  private static final int SA_STEPS = 4_000;

  /** The recipe: DQN for {@link #DQN_STEPS}, then the regulariser for {@link #SA_STEPS}. */
  private static DqnConfig cartPole() {
    return Algorithms.SA_DQN.config("CartPole-v1", null, List.of("seed=1", "totalSteps=" + (DQN_STEPS + SA_STEPS),
        "dqn.learningRate=0.00025", "dqn.annealLearningRate=true", "dqn.adamEps=1.0e-8", "dqn.batchSize=128",
        "dqn.learningStarts=1000", "dqn.targetUpdateInterval=250", "dqn.explorationEnd=0.02",
        "dqn.explorationSteps=10000", "dqn.normalizeObservations=true", "dqn.maxGradNorm=10", "network.kind=MLP",
        "network.hidden=[128]", "network.duelingHidden=128", "replay.capacity=100000", "run.stepsPerIteration=1000",
        "run.evalDuringTraining=0",
        "robust.kappa=0.005", "robust.eps=" + EPS, "robust.hingeC=0.1", "robust.warmupSteps=" + DQN_STEPS,
        "robust.rampSteps=2000"));
  }

  /** What one trained agent scored: its greedy return and the fraction of its actions certified at {@link #EPS}. */
  private record Result(double meanReturn, double stdReturn, double certificationRate) {}

  /** The network evaluated after DQN's steps and again after the regulariser's. */
  private record Run(Result dqn, Result saDqn) {}

  private static Run run;

  /** Trains once for both tests, evaluating when the warm-up ends (the callback does not touch the run's state). */
  private static synchronized Run run() {
    if (run != null) {
      return run;
    }
    DqnConfig config = cartPole();
    EnvSource envs = EnvSource.registered(config.env());
    int warmupIterations = DQN_STEPS / config.stepsPerIteration();
    Result[] dqn = new Result[1];
    TrainingCallback atWarmupEnd = new TrainingCallback() {
      @Override
      public void onUpdateEnd(Trainer trainer, IterationReport report) {
        if (report.iteration() == warmupIterations) {
          dqn[0] = evaluate(trainer.policy(), envs, "DQN at " + trainer.globalStep() + " steps");
        }
      }
    };
    try (DqnTrainer trainer = new DqnTrainer(config, envs, null, List.of(atWarmupEnd))) {
      trainer.train();
      run = new Run(dqn[0], evaluate(trainer.policy(), envs, "SA-DQN at " + trainer.globalStep() + " steps"));
    }
    return run;
  }

  /**
   * Greedy episodes side by side on the episode loop, each state certified when IBP or CROWN proves its greedy action
   * over B(s) (what {@code samdp certify} counts).
   */
  private static Result evaluate(Policy policy, EnvSource envs, String what) {
    BoundedNetwork bounded = new BoundedNetwork(policy.detached().network());
    List<Episode> episodes = new ArrayList<>();
    long steps = 0;
    long certified = 0;
    try (NDManager manager = NDManager.newBaseManager();
        EpisodeLoop loop = EpisodeLoop.episodes(envs, EPISODES, EPISODES, 1234)) {
      ThreatModel threat = ThreatModel.of(EPS, policy.normalizer(), (Box) loop.observationSpace(), manager);
      while (!loop.done()) {
        try (NDManager scope = manager.newSubManager()) {
          Transition transition = loop.step(scope, policy,
              (view, state, starts) -> policy.act(view, state, starts, true, null));
          LpBall ball = threat.ball(transition.states());
          boolean[] byIbp = ActionCertificate.certify(bounded, ball, BoundMethod.IBP).certified();
          boolean[] byCrown = ActionCertificate.certify(bounded, ball, BoundMethod.CROWN).certified();
          for (int b = 0; b < byIbp.length; b++) {
            certified += byIbp[b] || byCrown[b] ? 1 : 0;
          }
          steps += byIbp.length;
          episodes.addAll(transition.step().finished());
        }
      }
    }
    Result result = new Result(PolicyEvaluation.meanReturn(episodes), PolicyEvaluation.stdReturn(episodes),
        (double) certified / steps);
    System.out.printf("%s: return %.1f ± %.1f, certified %.3f at eps %s%n", what, result.meanReturn(),
        result.stdReturn(), result.certificationRate(), EPS);
    return result;
  }

  @Test
  void dqnBalancesThePole() {
    assertTrue(run().dqn().meanReturn() >= 450, "DQN's mean return " + run().dqn().meanReturn());
  }

  @Test
  void theRegulariserRaisesTheCertifiedFractionOfTheNetworkItStartsFrom() {
    double before = run().dqn().certificationRate();
    double after = run().saDqn().certificationRate();
    assertTrue(after >= before + 0.05, "certified at eps " + EPS + ": " + before + " after DQN, " + after
        + " after the regulariser");
  }
}
