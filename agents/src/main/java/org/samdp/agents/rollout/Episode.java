package org.samdp.agents.rollout;

/**
 * A finished episode.
 *
 * @param env index of the sub-env
 * @param episodicReturn undiscounted sum of the raw rewards
 * @param length steps
 */
public record Episode(int env, double episodicReturn, int length) {}
