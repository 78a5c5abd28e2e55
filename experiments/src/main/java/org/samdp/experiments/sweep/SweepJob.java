package org.samdp.experiments.sweep;

import java.util.List;

/**
 * One job of a sweep's plan: one {@code samdp} process (per attempt) that the driver runs on Ray.
 *
 * @param id the job's name in the sweep directory ({@code jobs/ID/}), unique and stable across restarts
 * @param kind {@code train}, {@code attack} or {@code certify}
 * @param method the report's name for the agent's setting (the job's name and its grid values, without the seed)
 * @param seed the agent's seed
 * @param run the agent's run directory, relative to the sweep directory
 * @param results for evaluations, the results file each attempt writes into its own directory; null for trainings
 * @param arguments the samdp arguments (without the run directory and results file, which the driver adds)
 * @param after the training an evaluation waits for; null for trainings
 * @param setting an attack job's setting of its entry's grid ({@code key=value,...}); empty for other jobs
 */
public record SweepJob(String id, String kind, String method, long seed, String run, String results,
    List<String> arguments, String after, String setting) {
  /** A training job. */
  public static final String TRAIN = "train";
  /** An attack evaluation job. */
  public static final String ATTACK = "attack";
  /** A certificate evaluation job. */
  public static final String CERTIFY = "certify";

  /** Copies the list; no setting is an empty one. */
  public SweepJob {
    arguments = List.copyOf(arguments);
    setting = setting == null ? "" : setting;
  }
}
