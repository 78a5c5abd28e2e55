/**
 * Training presets: the papers' setups (Hopper, Walker2d and Humanoid for PPO; MinAtar games for DQN) and small quick
 * ones, as YAML resources that {@code samdp train --preset NAME} turns into configuration overrides.
 */
package org.samdp.experiments.presets;
