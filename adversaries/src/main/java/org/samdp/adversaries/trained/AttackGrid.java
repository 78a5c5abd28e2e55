package org.samdp.adversaries.trained;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The settings the strongest-attack protocol scans (§6.5.2.2). {@link #PAPER} is the authors' grid: Robust Sarsa over
 * 6 regulariser radii × 5 weights (30 critics), RS+MAD over 10 ratios on the best critic, and the optimal attack over
 * anneal × clip × entropy × learning rate × value learning rate (2 × 2 × 6 × 3 × 3 = 216 adversaries; the learning
 * rates of the authors' Hopper PPO scan). {@link #SMALL}, the default, is a subset sized for a 2-core machine: 4
 * critics (radius 0.02 or 0.1 × weight 0.1 or 1), 3 ratios, and 2 adversaries (annealed, clip 0.2, no entropy bonus,
 * learning rate 1e-3 or 3e-3, value learning rate 1e-3).
 */
public enum AttackGrid {
  /** The default subset. */
  SMALL,
  /** The papers' full grids. */
  PAPER;

  /**
   * The grid named {@code name} ({@code small} or {@code paper}, any case).
   *
   * @throws IllegalArgumentException for another name
   */
  public static AttackGrid of(String name) {
    if (name == null) {
      throw new IllegalArgumentException("a grid must be named: small or paper");
    }
    for (AttackGrid grid : values()) {
      if (grid.name().equalsIgnoreCase(name)) {
        return grid;
      }
    }
    throw new IllegalArgumentException("unknown attack grid '" + name + "', expected small or paper");
  }

  /**
   * Robust Sarsa's critics: regulariser radius × regulariser weight, the same radii for both forms (the SA-DDPG
   * authors' code states the DDPG form's radius in action stds).
   *
   * @param iterations each critic's iterations
   * @param ddpgSamples the DDPG form's sampling steps, or 0 for the PPO form
   */
  public List<RobustSarsaCritic.Settings> sarsa(int iterations, long ddpgSamples) {
    List<Double> radii = this == PAPER ? List.of(0.02, 0.05, 0.1, 0.15, 0.2, 0.3) : List.of(0.02, 0.1);
    List<Double> weights = this == PAPER ? List.of(0.1, 0.3, 1.0, 3.0, 10.0) : List.of(0.1, 1.0);
    List<RobustSarsaCritic.Settings> grid = new ArrayList<>();
    for (double radius : radii) {
      for (double weight : weights) {
        grid.add(new RobustSarsaCritic.Settings(radius, weight, iterations, ddpgSamples));
      }
    }
    return grid;
  }

  /**
   * RS+MAD's ratios r (the weight of the MAD term). The PPO form's are the authors' scan; the DDPG form's
   * are the values the SA-DDPG authors' per-env configs set, each near 1 (the paper grid holds all eight, the small
   * one three of them).
   *
   * @param ddpgForm the DDPG form (action changes in action stds) rather than the PPO form
   */
  public List<Double> madRatios(boolean ddpgForm) {
    if (ddpgForm) {
      return this == PAPER ? List.of(0.25, 0.75, 0.9, 0.97, 0.99, 0.999, 0.9997, 0.9999) : List.of(0.75, 0.97, 0.9999);
    }
    return this == PAPER ? List.of(1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2)
        : List.of(1e-4, 1e-3, 1e-2);
  }

  /** The optimal attack's adversary settings. */
  public List<OptimalAdversary.Settings> optimal(int iterations) {
    List<OptimalAdversary.Settings> grid = new ArrayList<>();
    if (this == SMALL) {
      for (double lr : List.of(1e-3, 3e-3)) {
        grid.add(new OptimalAdversary.Settings(lr, 1e-3, 0, 0.2, true, iterations));
      }
      return grid;
    }
    for (boolean anneal : List.of(true, false)) {
      for (double clip : List.of(0.2, 0.4)) {
        for (double entropy : List.of(0.0, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3)) {
          for (double lr : List.of(3e-4, 1e-3, 3e-3)) {
            for (double valueLr : List.of(3e-4, 1e-3, 3e-3)) {
              grid.add(new OptimalAdversary.Settings(lr, valueLr, entropy, clip, anneal, iterations));
            }
          }
        }
      }
    }
    return grid;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
