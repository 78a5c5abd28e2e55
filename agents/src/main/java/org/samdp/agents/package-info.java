/**
 * Reinforcement-learning agents on DJL: networks, optimisers, policies, run directories and checkpoints, shared
 * rollout collection, and one package per trainer.
 */
package org.samdp.agents;
