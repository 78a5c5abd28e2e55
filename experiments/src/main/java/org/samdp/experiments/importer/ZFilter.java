package org.samdp.experiments.importer;

import java.util.List;
import java.util.Map;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.envs.wrappers.RunningMeanStd;
import org.samdp.experiments.torch.NumpyArray;
import org.samdp.experiments.torch.NumpyScalar;
import org.samdp.experiments.torch.PyObject;

/**
 * The observation normaliser of the SA-PPO and ATLA code ({@code policy_gradients.torch_utils.ZFilter} over a
 * {@code RunningStat}): {@code clip((x − mean) / (sqrt(var) + 1e-8), ±clip)} with {@code var = S / (n − 1)} (the
 * square of the mean while {@code n} is 1).
 *
 * @param count observations seen, {@code _n}
 * @param mean their mean, {@code _M}
 * @param sumSquares their sum of squared deviations, {@code _S}
 * @param clip normalized values are clipped to {@code ±clip}
 */
public record ZFilter(long count, double[] mean, double[] sumSquares, double clip) {
  /** Checks sizes and counts. */
  public ZFilter {
    if (mean.length != sumSquares.length) {
      throw new IllegalArgumentException("the ZFilter's mean has " + mean.length + " values, its _S "
          + sumSquares.length);
    }
    if (count < 1) {
      throw new IllegalArgumentException("the ZFilter has seen no observations (_n = " + count + ")");
    }
    mean = mean.clone();
    sumSquares = sumSquares.clone();
  }

  /**
   * The state filter of a checkpoint: {@code envs[0].state_filter}.
   *
   * @throws IllegalArgumentException naming what is missing, or a filter that does not centre and scale
   */
  public static ZFilter of(Map<?, ?> root, String file) {
    if (!(root.get("envs") instanceof List<?> envs) || envs.isEmpty() || !(envs.get(0) instanceof PyObject env)
        || !(env.attribute("state_filter") instanceof PyObject filter) || !filter.name().equals("ZFilter")) {
      throw new IllegalArgumentException(file + " has no observation normaliser (envs[0].state_filter, a ZFilter)");
    }
    if (Boolean.FALSE.equals(filter.attribute("center")) || Boolean.FALSE.equals(filter.attribute("scale"))) {
      throw new IllegalArgumentException(file + "'s ZFilter does not both centre and scale; samdp imports only"
          + " normalisers that do");
    }
    if (!(filter.attribute("rs") instanceof PyObject stats) || !(stats.attribute("_M") instanceof NumpyArray mean)
        || !(stats.attribute("_S") instanceof NumpyArray sumSquares)) {
      throw new IllegalArgumentException(file + "'s ZFilter has no running statistics (rs._n, rs._M, rs._S)");
    }
    Object clip = filter.attribute("clip");
    return new ZFilter((long) number(stats.attribute("_n"), file), mean.toDoubles(), sumSquares.toDoubles(),
        clip == null ? Double.POSITIVE_INFINITY : number(clip, file));
  }

  private static double number(Object value, String file) {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    if (value instanceof NumpyScalar scalar) {
      return scalar.value();
    }
    throw new IllegalArgumentException(file + "'s ZFilter holds " + value + " where a number belongs");
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] sumSquares() {
    return sumSquares.clone();
  }

  /** The variance the filter divides by the root of. */
  public double[] variance() {
    double[] var = new double[mean.length];
    for (int i = 0; i < var.length; i++) {
      var[i] = count > 1 ? sumSquares[i] / (count - 1) : mean[i] * mean[i];
    }
    return var;
  }

  /** samdp's normaliser computing what this filter computes, frozen. */
  public ObservationNormalizer normalizer() {
    return ObservationNormalizer.restored(new RunningMeanStd.State(mean, variance(), count), clip, true,
        ObservationNormalizer.Epsilon.AFTER_ROOT);
  }
}
