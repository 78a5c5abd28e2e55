package org.samdp.envs.minatar;

/**
 * MinAtar's six actions in its index order (0 no-op, 1 left, 2 up, 3 right, 4 down, 5 fire). Every game accepts all
 * six and ignores those it has no use for; a game's minimal action set lists the ones that matter.
 */
public enum Action {
  NOOP,
  LEFT,
  UP,
  RIGHT,
  DOWN,
  FIRE
}
