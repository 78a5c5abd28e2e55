/**
 * Trained runs and what evaluations add to their directories: {@link org.samdp.experiments.runs.TrainedRun} opens a
 * run's latest checkpoint; {@code attacks.json} ({@link org.samdp.experiments.runs.AttackResults}) and
 * {@code certificates.json} ({@link org.samdp.experiments.runs.CertificateResults}) hold attack and certificate
 * evaluations, accumulated over ε in a {@link org.samdp.experiments.runs.ResultsFile}.
 */
package org.samdp.experiments.runs;
