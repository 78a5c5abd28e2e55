package org.samdp.experiments.sweep;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.samdp.experiments.report.RunResults;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.CertificateResults;
import org.samdp.experiments.runs.ResultsFile;

/**
 * The agents of a sweep directory as a report reads them: each trained agent's run with the results of all its
 * finished attack and certificate jobs merged (each job wrote its own file; they are merged here, at report time).
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
      run = new RunResults(run.directory(), run.env(), run.algorithm(), run.solver(), run.curve(),
          combined(sweep, evaluations, SweepJob.ATTACK, AttackResults.FILE),
          combined(sweep, evaluations, SweepJob.CERTIFY, CertificateResults.FILE));
      agents.add(new Agent(training.method(), training.seed(), run));
    }
    return agents;
  }

  private static <R> R combined(SweepDirectory sweep, List<SweepJob> evaluations, String kind, ResultsFile<R> file) {
    return file.combine(evaluations.stream().filter(job -> job.kind().equals(kind)).map(sweep::results)
        .filter(Objects::nonNull).filter(Files::isRegularFile).map(file::readFile).toList());
  }
}
