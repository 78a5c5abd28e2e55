package org.samdp.experiments.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.samdp.adversaries.eval.CertificateSummary;
import org.samdp.adversaries.eval.Certifier;
import org.samdp.adversaries.eval.RobustnessEvaluation;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.BoundMethod;

/**
 * What {@code certificates.json} in a run directory holds: per ε, the certificates along the agent's natural episodes
 * (certification rate, KL and action-change bounds, certified radius distribution). Like {@link AttackResults},
 * evaluations at other ε accumulate for the same checkpoint, episodes, seed and bound methods.
 *
 * @param env the environment id
 * @param algorithm the algorithm that trained the agent
 * @param checkpoint the checkpoint certified
 * @param episodes natural episodes whose steps were certified
 * @param seed seed of the episodes
 * @param methods the bound methods (their bounds are intersected)
 * @param window for a recurrent policy, how many of the last observations each step's certificate bounds through
 *     the cell (the earlier ones through an IBP box of the state entering them); null for a feed-forward policy
 * @param evaluations one per ε, in increasing ε
 */
public record CertificateResults(String env, String algorithm, String checkpoint, int episodes, long seed,
    List<String> methods, Integer window, List<AtEps> evaluations) {
  /** The file in a run directory. */
  public static final ResultsFile<CertificateResults> FILE =
      new ResultsFile<>("certificates.json", CertificateResults.class, CertificateResults::sameSetting,
          CertificateResults::merge);

  /** Copies the lists. */
  public CertificateResults {
    methods = List.copyOf(methods);
    evaluations = List.copyOf(evaluations);
  }

  /**
   * The certificates at one ε.
   *
   * @param eps ℓ∞ radius in normalized observation space
   * @param maxRadius the largest radius the certified radius search tried (0: none)
   * @param certificates the per-step certificates summarised
   */
  public record AtEps(double eps, double maxRadius, CertificateSummary certificates) {}

  /**
   * Certifies a trained agent along its natural episodes at each ε.
   *
   * @param maxRadius the largest radius the certified radius search tries (0: no search; discrete actions only)
   * @param window how many of the last observations a recurrent policy's certificates bound through the cell
   * @param log told of each tenth of the episodes and each finished ε (progress)
   * @throws IllegalArgumentException for a negative ε or bad radius settings
   */
  public static CertificateResults evaluate(TrainedRun run, List<Double> epsValues, List<BoundMethod> methods,
      double maxRadius, int window, RobustnessEvaluation.Settings settings, Consumer<String> log) {
    epsValues.forEach(ThreatModel::requireRadius);
    if (epsValues.isEmpty()) {
      throw new IllegalArgumentException("give at least one eps");
    }
    Certifier certifier = new Certifier(run.policy(), methods, maxRadius, maxRadius / 100, window);
    List<AtEps> evaluations = new ArrayList<>();
    for (double eps : epsValues.stream().sorted().distinct().toList()) {
      long start = System.nanoTime();
      ThreatModel threat = run.threatModel(eps);
      int[] finished = {0};
      int every = Math.max(1, settings.episodes() / 10);
      CertificateSummary summary = RobustnessEvaluation.run(run.policy(), run.envs(), threat, null, certifier,
          settings, episode -> {
            if (++finished[0] % every == 0 && finished[0] < settings.episodes()) {
              log.accept(String.format(Locale.ROOT, "certificates at eps %s: %d of %d episodes (%.0f s)", eps,
                  finished[0], settings.episodes(), (System.nanoTime() - start) / 1e9));
            }
          }).certificates();
      evaluations.add(new AtEps(eps, certifier.maxRadius(), summary));
      log.accept(String.format(Locale.ROOT, "certificates at eps %s: %d steps (%.0f s)", eps, summary.steps(),
          (System.nanoTime() - start) / 1e9));
    }
    return new CertificateResults(run.env(), run.algorithm(), run.checkpoint().toString(), settings.episodes(),
        settings.seed(), methods.stream().map(BoundMethod::label).toList(),
        run.policy().isStateful() ? window : null, evaluations);
  }

  /** Whether {@code fresh} certifies the same checkpoint's episodes with the same methods, so the two can merge. */
  boolean sameSetting(CertificateResults fresh) {
    return checkpoint.equals(fresh.checkpoint) && episodes == fresh.episodes && seed == fresh.seed
        && methods.equals(fresh.methods) && Objects.equals(window, fresh.window);
  }

  /** These results with {@code fresh} of the same setting merged in; fresh results replace those at the same ε. */
  CertificateResults merge(CertificateResults fresh) {
    return new CertificateResults(env, algorithm, fresh.checkpoint, episodes, seed, methods, window,
        ResultsFile.mergeByEps(evaluations, fresh.evaluations, AtEps::eps, (held, updated) -> updated));
  }
}
