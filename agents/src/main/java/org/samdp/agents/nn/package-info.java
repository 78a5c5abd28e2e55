/**
 * Building the bound engine's {@link org.samdp.bounds.network.Network} for agents: a serialisable description of the
 * layers ({@link org.samdp.agents.nn.NetworkSpec}) with the initialisation RL code uses (orthogonal with a gain per
 * layer, or PyTorch's default), seeded. Agents train the same layer list that bounds and certificates read.
 */
package org.samdp.agents.nn;
