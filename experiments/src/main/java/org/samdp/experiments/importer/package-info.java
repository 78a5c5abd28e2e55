/**
 * The authors' released agents as samdp runs: {@link org.samdp.experiments.importer.AgentImport} turns an SA-PPO or
 * ATLA checkpoint, or an SA_DDPG one (read by {@link org.samdp.experiments.torch.TorchCheckpoint}), into a run
 * directory that {@code samdp evaluate}, {@code attack}, {@code certify} and {@code report} open like a trained one,
 * with an ATLA file's adversary as an imported attacker of that run.
 */
package org.samdp.experiments.importer;
