package org.samdp.experiments.importer;

import java.util.List;
import java.util.Map;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.run.TrainerBase;
import org.samdp.bounds.network.Network;

/**
 * One file's agent, checked against its env and built, as {@link AgentImport} writes it into a run directory: what
 * the SA_PPO/ATLA and the SA_DDPG layouts each produce, so that both are written the same way.
 *
 * @param config the run's resolved configuration (its algorithm is the one the run records)
 * @param eps the radius recorded (the one the agent was trained for, or its adversary attacks at), or null
 * @param notes what the provenance says about how the file was read
 * @param policy the agent, saved as the checkpoint's {@code agent} policy
 * @param trainerTensors what the checkpoint's {@value TrainerBase#TRAINER_TENSORS} holds: the critic its algorithm
 *     reads back (PPO's {@code value}, DDPG's {@code critic})
 * @param adversary an ATLA file's adversary, imported as the run's optimal attacker at {@code eps}, or null
 * @param sarsaCritics an SA_DDPG agent's Robust Sarsa critics Q_RS by file name, imported as the run's RS attackers
 */
record ImportedAgent(TrainerBase.Config config, Double eps, List<String> notes, Policy policy,
    Map<String, TensorFile.Entry> trainerTensors, Policy adversary, Map<String, Network> sarsaCritics) {}
