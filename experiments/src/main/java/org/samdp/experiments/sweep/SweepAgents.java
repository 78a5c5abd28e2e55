package org.samdp.experiments.sweep;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.samdp.experiments.report.RunResults;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.CertificateResults;
import org.samdp.experiments.runs.ReturnSummary;

/**
 * The agents of a sweep directory as a report reads them: each trained agent's run with the results of all its
 * finished attack and certificate jobs merged (each job wrote its own file; they are merged here, at report time).
 * Attack results are put side by side, not replaced: the strongest attack is the lowest over every job.
 */
public final class SweepAgents {
  private SweepAgents() {}

  /**
   * One agent of a sweep.
   *
   * @param method the setting it was trained with (the job's name and grid values)
   * @param seed its seed
   * @param run its run with its evaluations
   */
  public record Agent(String method, long seed, RunResults run) {}

  /** Every agent whose training has finished, in the plan's order. */
  public static List<Agent> read(SweepDirectory sweep) {
    List<SweepJob> jobs = sweep.plan().jobs();
    List<Agent> agents = new ArrayList<>();
    for (SweepJob training : jobs) {
      if (!training.kind().equals(SweepJob.TRAIN) || sweep.done(training.id()) == null) {
        continue;
      }
      List<SweepJob> evaluations = jobs.stream().filter(job -> training.id().equals(job.after())).toList();
      RunResults run = RunResults.read(sweep.run(training));
      run = new RunResults(run.directory(), run.env(), run.algorithm(), run.solver(), run.training(), run.curve(),
          attacks(sweep, evaluations), certificates(sweep, evaluations));
      agents.add(new Agent(training.method(), training.seed(), run));
    }
    return agents;
  }

  private static CertificateResults certificates(SweepDirectory sweep, List<SweepJob> evaluations) {
    return CertificateResults.FILE.combine(finished(sweep, evaluations, SweepJob.CERTIFY).stream()
        .map(job -> CertificateResults.FILE.readFile(sweep.results(job))).toList());
  }

  /**
   * Every attack result of the agent's finished attack jobs side by side, per ε: an attack of a job with a grid
   * setting is named by it ({@code mad[mad.steps=50]}), so that the settings of one attack are told apart and the
   * strongest is the lowest over all of them.
   *
   * @throws IllegalArgumentException if the jobs evaluated different checkpoints, episode counts or seeds
   */
  static AttackResults attacks(SweepDirectory sweep, List<SweepJob> evaluations) {
    AttackResults first = null;
    Map<Double, AttackResults.AtEps> byEps = new TreeMap<>();
    for (SweepJob job : finished(sweep, evaluations, SweepJob.ATTACK)) {
      AttackResults results = AttackResults.FILE.readFile(sweep.results(job));
      if (first == null) {
        first = results;
      } else if (!first.checkpoint().equals(results.checkpoint()) || first.episodes() != results.episodes()
          || first.seed() != results.seed()) {
        throw new IllegalArgumentException("the attack jobs of " + job.run() + " evaluated different checkpoints,"
            + " episode counts or seeds (" + job.id() + " among them); run them again with one setting");
      }
      for (AttackResults.AtEps e : results.evaluations()) {
        Map<String, ReturnSummary> attacks = new LinkedHashMap<>();
        AttackResults.AtEps held = byEps.get(e.eps());
        if (held != null) {
          attacks.putAll(held.attacks());
        }
        e.attacks().forEach((name, summary) -> attacks.put(named(name, job.setting()), summary));
        byEps.put(e.eps(), AttackResults.AtEps.of(e.eps(), held != null ? held.natural() : e.natural(), attacks,
            held != null ? held.config() : e.config()));
      }
    }
    return first == null ? null : new AttackResults(first.env(), first.algorithm(), first.checkpoint(),
        first.episodes(), first.seed(), List.copyOf(byEps.values()));
  }

  /** An attack's result named with the job's grid setting, in the {@code family[settings]} form results use. */
  static String named(String attack, String setting) {
    if (setting.isEmpty()) {
      return attack;
    }
    return attack.endsWith("]") ? attack.substring(0, attack.length() - 1) + "," + setting + "]"
        : attack + "[" + setting + "]";
  }

  private static List<SweepJob> finished(SweepDirectory sweep, List<SweepJob> evaluations, String kind) {
    return evaluations.stream().filter(job -> job.kind().equals(kind) && sweep.results(job) != null
        && Files.isRegularFile(sweep.results(job))).toList();
  }
}
