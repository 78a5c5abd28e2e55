package org.samdp.agents.rollout;

/**
 * A finished episode.
 *
 * @param env index of the sub-env that ran it
 * @param index its number in its stream (see {@link EpisodeLoop}): the sub-env's episode counter in training, the
 *     evaluation's episode number in an evaluation
 * @param seed what its env was reset with
 * @param episodicReturn undiscounted sum of the raw rewards
 * @param length steps
 */
public record Episode(int env, long index, long seed, double episodicReturn, int length) {}
