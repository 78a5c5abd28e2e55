package org.samdp.agents.rollout;

import java.util.Arrays;
import org.samdp.envs.wrappers.RunningMeanStd;

/**
 * Return-based reward scaling (Engstrom et al. 2020, used by the papers' PPO): each env keeps a discounted return
 * {@code G ← γ·G + r}, reset when its episode ends; rewards are divided by the running standard deviation of
 * {@code G} over all envs and clipped to {@code ±clip}. The mean is not subtracted.
 */
public final class RewardScaler {
  private static final double EPSILON = 1e-8;

  private final RunningMeanStd returnStats = new RunningMeanStd(1);
  private final double gamma;
  private final double clip;
  private final double[] discountedReturn;

  /**
   * @param numEnvs number of parallel envs
   * @param gamma discount of the tracked return
   * @param clip scaled rewards are clipped to {@code ±clip}
   */
  public RewardScaler(int numEnvs, double gamma, double clip) {
    if (!(gamma >= 0 && gamma <= 1) || !(clip > 0)) {
      throw new IllegalArgumentException("reward scaling needs gamma in [0, 1] and clip > 0, got " + gamma + ", "
          + clip);
    }
    this.gamma = gamma;
    this.clip = clip;
    this.discountedReturn = new double[numEnvs];
  }

  /** Scaled rewards of one vector step; updates the statistics, then resets the returns of ended episodes. */
  public double[] scale(double[] rewards, boolean[] episodeEnded) {
    double[][] returns = new double[rewards.length][1];
    for (int i = 0; i < rewards.length; i++) {
      discountedReturn[i] = discountedReturn[i] * gamma + rewards[i];
      returns[i][0] = discountedReturn[i];
    }
    returnStats.update(returns);
    double std = Math.sqrt(returnStats.state().var()[0] + EPSILON);
    double[] scaled = new double[rewards.length];
    for (int i = 0; i < rewards.length; i++) {
      scaled[i] = Math.max(-clip, Math.min(clip, rewards[i] / std));
      if (episodeEnded[i]) {
        discountedReturn[i] = 0;
      }
    }
    return scaled;
  }

  /** Every env's discounted return starts again from 0 (their episodes were dropped and restarted). */
  public void restart() {
    Arrays.fill(discountedReturn, 0);
  }

  /**
   * Everything the scaler needs to continue exactly.
   *
   * @param statistics running statistics of the discounted return
   * @param discountedReturn per env
   */
  public record State(RunningMeanStd.State statistics, double[] discountedReturn) {}

  public State state() {
    return new State(returnStats.state(), discountedReturn.clone());
  }

  /** Continues from a saved state for the same number of envs. */
  public void restore(State state) {
    if (state.discountedReturn().length != discountedReturn.length) {
      throw new IllegalArgumentException("saved reward scaling is for " + state.discountedReturn().length
          + " envs, this run has " + discountedReturn.length);
    }
    returnStats.restore(state.statistics());
    System.arraycopy(state.discountedReturn(), 0, discountedReturn, 0, discountedReturn.length);
  }
}
