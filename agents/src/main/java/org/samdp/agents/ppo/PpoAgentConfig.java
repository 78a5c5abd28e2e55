package org.samdp.agents.ppo;

/** A configuration whose agent PPO trains: PPO and SA-PPO themselves, ATLA's agent. */
public interface PpoAgentConfig {
  /** The agent's PPO configuration. */
  PpoConfig agent();
}
