/**
 * samdp's own Java versions of the five MinAtar games (Young and Tian, 2019): Asterix, Breakout, Freeway, Seaquest and
 * Space Invaders, small 10×10 pixel games for CNN Q-networks that train on a few CPU cores. Each game follows the
 * facts sheet (section D): the same channels, dynamics, rewards, termination, sticky actions (probability 0.1 by
 * default) and difficulty ramping. {@link org.samdp.envs.minatar.MinAtarEnv} holds what the games share (the grid
 * observation, the action set, sticky actions, the terminal state); each game class holds only its own rules.
 *
 * <p>Observations are channel-first {@code [C, 10, 10]} grids of 0/1 values, flattened row-major: cell
 * {@code (channel c, row y, column x)} is at index {@code (c * 10 + y) * 10 + x}. MinAtar's {@code state()} is the
 * same grid in {@code [10, 10, C]} (row, column, channel) order, i.e. ours is {@code np.transpose(state, (2, 0, 1))}.
 *
 * <p>The games draw from the env's seeded generator, so {@code reset(seed)} fixes the whole episode. They do not
 * reproduce MinAtar's random streams (MinAtar uses numpy's legacy {@code RandomState}).
 * {@link org.samdp.envs.minatar.MinAtarGames#register()} registers the ids {@code MinAtar/<Game>-v0} (all six actions)
 * and {@code MinAtar/<Game>-v1} (the game's minimal action set), as MinAtar's Gymnasium registration does.
 */
package org.samdp.envs.minatar;
