package org.samdp.adversaries.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.DiagonalGaussian;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.policy.RecurrentPolicy;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.Scalars;

/**
 * Soundness of the recurrent certificates on small random LSTM and GRU policies, Gaussian and categorical: along
 * sequences longer than the window (so the carried state box is used), no perturbation of the whole history exceeds
 * a step's KL or action-change bound or changes a certified action, neither sampled ones (half at the vertices) nor
 * ones found by sign-gradient ascent on the KL over every observation up to the step.
 */
class RecurrentCertificateSoundnessTest {
  private static final int STEPS = 9;
  private static final int BATCH = 2;
  private static final int FEATURES = 3;
  private static final int WINDOW = 3;
  private static final double EPS = 0.1;
  private static final double SLACK = 1e-4;
  private static final float SCALE = 3;

  @Test
  void noSampledOrAttackedHistoryExceedsTheCertificates() {
    List<String> failures = new ArrayList<>();
    int checks = 0;
    int certifiedSteps = 0;
    double tightest = 0;
    try (NDManager manager = NDManager.newBaseManager()) {
      for (String cell : new String[] {"lstm", "gru"}) {
        for (PolicyKind kind : new PolicyKind[] {PolicyKind.GAUSSIAN, PolicyKind.CATEGORICAL}) {
          RecurrentPolicy trained = RecurrentPolicy.create(kind, FEATURES, kind == PolicyKind.GAUSSIAN ? 2 : 3, cell,
              4, 5, -0.5, ObservationNormalizer.identity(FEATURES), manager, 7);
          // Freshly initialised outputs hardly depend on the observations; larger weights make the checks bite.
          trained.recurrentNetwork().parameters().forEach(p -> p.muli(SCALE));
          RecurrentPolicy policy = trained.detached();
          manager.getEngine().setRandomSeed(7);
          NDArray observations = manager.randomUniform(-1, 1, new Shape(BATCH, STEPS, FEATURES));
          ThreatModel threat = ThreatModel.unbounded(EPS, FEATURES);
          EpisodeCertifier certifier = new Certifier(policy, List.of(BoundMethod.IBP, BoundMethod.CROWN), 0, 0,
              WINDOW).alongEpisodes();
          List<Certificates> certificates = new ArrayList<>();
          for (int t = 0; t < STEPS; t++) {
            certificates.add(certifier.certify(observations.get(":, {}, :", t), new long[] {0, 1}, threat));
          }
          List<ActionDistribution> clean = along(policy, observations);
          List<NDArray> perturbations = new ArrayList<>();
          for (int s = 0; s < 40; s++) {
            NDArray u = manager.randomUniform(-1, 1, observations.getShape());
            perturbations.add(Scalars.mul(s % 2 == 0 ? u.sign() : u, EPS));
          }
          for (int t : new int[] {1, WINDOW, STEPS - 1}) {
            perturbations.add(attack(policy, observations, clean.get(t), t));
          }
          for (NDArray delta : perturbations) {
            List<ActionDistribution> perturbed = along(policy, observations.add(delta));
            for (int t = 0; t < STEPS; t++) {
              Certificates c = certificates.get(t);
              double[] kl = doubles(clean.get(t).kl(perturbed.get(t)));
              double[] change = kind == PolicyKind.GAUSSIAN ? doubles(((DiagonalGaussian) perturbed.get(t)).mean()
                  .sub(((DiagonalGaussian) clean.get(t)).mean()).abs().max(new int[] {1})) : null;
              long[] cleanAction = clean.get(t).mode().toType(DataType.INT64, false).toLongArray();
              long[] action = perturbed.get(t).mode().toType(DataType.INT64, false).toLongArray();
              for (int b = 0; b < BATCH; b++) {
                checks++;
                String where = cell + " " + kind + " step " + t + " row " + b;
                tightest = Math.max(tightest, kl[b] / c.klBound()[b]);
                if (kl[b] > c.klBound()[b] * (1 + SLACK) + SLACK) {
                  failures.add(where + ": KL " + kl[b] + " > bound " + c.klBound()[b]);
                }
                if (change != null && change[b] > c.actionChangeLinf()[b] + SLACK) {
                  failures.add(where + ": action change " + change[b] + " > bound " + c.actionChangeLinf()[b]);
                }
                if (c.certified() != null && c.certified()[b] && action[b] != cleanAction[b]) {
                  failures.add(where + ": certified action " + cleanAction[b] + " changed to " + action[b]);
                }
              }
            }
          }
          for (Certificates c : certificates) {
            for (int b = 0; c.certified() != null && b < BATCH; b++) {
              certifiedSteps += c.certified()[b] ? 1 : 0;
            }
          }
        }
      }
    }
    System.out.println("recurrent certificates: " + checks + " checks, " + failures.size() + " exceeded; "
        + certifiedSteps + " of " + 2 * STEPS * BATCH + " categorical steps certified; largest KL / bound " + tightest);
    assertTrue(certifiedSteps > 0, "no categorical step certified: the action check tests nothing");
    assertTrue(failures.isEmpty(), failures.size() + " of " + checks + " exceeded, e.g. "
        + failures.subList(0, Math.min(5, failures.size())));
  }

  /** The policy's distribution at every step of sequences {@code [B, T, F]} read from the zero state. */
  private static List<ActionDistribution> along(RecurrentPolicy policy, NDArray sequences) {
    List<ActionDistribution> distributions = new ArrayList<>();
    PolicyState state = policy.initialState(sequences.getManager(), BATCH);
    for (int t = 0; t < sequences.getShape().get(1); t++) {
      NDArray x = sequences.get(":, {}, :", t);
      distributions.add(policy.distribution(x, state));
      state = new PolicyState(policy.recurrentNetwork().step(x, state.arrays()).state());
    }
    return distributions;
  }

  /** Sign-gradient ascent of the KL at step {@code t} over perturbations of every observation, {@code [B, T, F]}. */
  private static NDArray attack(RecurrentPolicy policy, NDArray observations, ActionDistribution clean, int t) {
    NDArray delta = observations.zerosLike();
    for (int k = 0; k < 10; k++) {
      delta.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray prefix = observations.add(delta).get(":, :" + (t + 1) + ", :");
        ActionDistribution at = along(policy, prefix).get(t);
        collector.backward(clean.kl(at).sum());
      }
      delta = delta.add(Scalars.mul(delta.getGradient().sign(), EPS / 4)).clip(-EPS, EPS).stopGradient();
    }
    return delta;
  }

  private static double[] doubles(NDArray values) {
    return values.toType(DataType.FLOAT64, false).toDoubleArray();
  }
}
