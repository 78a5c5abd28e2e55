package org.samdp.bounds;

/**
 * The optimiser of α-CROWN: Adam on the relaxation parameters with a decaying step, keeping each bound's best value.
 * Defaults are auto_LiRPA's ({@code iteration 20, lr_alpha 0.5, lr_decay 0.98}).
 *
 * @param iterations gradient steps
 * @param learningRate initial Adam step size
 * @param decay step size factor per iteration
 */
public record AlphaCrownOptions(int iterations, double learningRate, double decay) {

  /** auto_LiRPA's defaults. */
  public static final AlphaCrownOptions DEFAULT = new AlphaCrownOptions(20, 0.5, 0.98);

  /** Checks the values. */
  public AlphaCrownOptions {
    if (iterations < 0 || !(learningRate > 0) || !(decay > 0 && decay <= 1)) {
      throw new IllegalArgumentException("alpha-CROWN needs iterations >= 0, learningRate > 0, 0 < decay <= 1; got "
          + iterations + ", " + learningRate + ", " + decay);
    }
  }
}
