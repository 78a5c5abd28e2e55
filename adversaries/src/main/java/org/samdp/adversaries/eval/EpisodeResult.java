package org.samdp.adversaries.eval;

/**
 * One evaluation episode.
 *
 * @param index the episode's number in the evaluation, from 0
 * @param seed the seed its env was reset with (the same for the natural and every attacked run)
 * @param episodicReturn undiscounted sum of the rewards
 * @param length steps
 */
public record EpisodeResult(int index, long seed, double episodicReturn, int length) {}
