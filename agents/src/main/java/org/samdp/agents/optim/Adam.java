package org.samdp.agents.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam with PyTorch's semantics ({@code torch.optim.Adam}, no weight decay): {@code m ← β1·m + (1−β1)·g},
 * {@code v ← β2·v + (1−β2)·g²}, {@code θ ← θ − lr/(1−β1^t) · m / (sqrt(v)/sqrt(1−β2^t) + eps)}. The learning rate
 * can change before every step (linear annealing). Step count and moments are plain state that
 * {@link #state()} and {@link #restore} copy exactly.
 *
 * <p>The moments live in the manager given at construction, beside the parameters; every step works in place and
 * frees its temporaries.
 */
public final class Adam {
  private final List<NDArray> parameters;
  private final List<NDArray> firstMoments = new ArrayList<>();
  private final List<NDArray> secondMoments = new ArrayList<>();
  private final double beta1;
  private final double beta2;
  private final double eps;
  private double learningRate;
  private long step;

  /**
   * An optimiser of {@code parameters} (which must require gradients).
   *
   * @param manager owner of the moment arrays
   * @param learningRate initial learning rate
   * @param eps added to the denominator (PPO implementations use 1e-5, PyTorch's default is 1e-8)
   */
  public Adam(List<NDArray> parameters, NDManager manager, double learningRate, double beta1, double beta2,
      double eps) {
    if (!(learningRate >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
      throw new IllegalArgumentException("Adam needs lr >= 0, beta1 and beta2 in [0, 1), eps > 0; got lr "
          + learningRate + ", betas " + beta1 + ", " + beta2 + ", eps " + eps);
    }
    this.parameters = List.copyOf(parameters);
    for (NDArray parameter : this.parameters) {
      firstMoments.add(manager.zeros(parameter.getShape(), parameter.getDataType()));
      secondMoments.add(manager.zeros(parameter.getShape(), parameter.getDataType()));
    }
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
  }

  /** Adam with betas (0.9, 0.999). */
  public Adam(List<NDArray> parameters, NDManager manager, double learningRate, double eps) {
    this(parameters, manager, learningRate, 0.9, 0.999, eps);
  }

  /** Sets the learning rate used by the following steps. */
  public void setLearningRate(double learningRate) {
    if (!(learningRate >= 0)) {
      throw new IllegalArgumentException("learning rate must be >= 0, got " + learningRate);
    }
    this.learningRate = learningRate;
  }

  public double learningRate() {
    return learningRate;
  }

  /** Steps taken so far. */
  public long stepCount() {
    return step;
  }

  /** The optimised parameters in order. */
  public List<NDArray> parameters() {
    return parameters;
  }

  /**
   * One update from the parameters' current gradients, which are then zeroed (DJL accumulates gradients).
   *
   * <p>It runs as PyTorch's fused native Adam kernel of DJL, which computes
   * {@code θ ← θ − lr' · m / (sqrt(v) + eps')}; with {@code lr' = lr·sqrt(1−β2^t)/(1−β1^t)} and
   * {@code eps' = eps·sqrt(1−β2^t)} that is PyTorch's update, in one native call per parameter instead of a dozen.
   * The kernel takes the betas as float32 and forms {@code 1 − β2} from them ({@code 0.99998713e-3} for 0.999), so
   * updates agree with PyTorch's to about 1e-5 relative; the state is exact and a restored optimiser continues bit
   * for bit.
   */
  public void step() {
    try (Gradients gradients = Gradients.of(parameters)) {
      step(gradients);
    }
  }

  /** {@link #step()} with the gradients already fetched ({@link Gradients#of} of {@link #parameters}). */
  public void step(Gradients gradients) {
    if (gradients.size() != parameters.size()) {
      throw new IllegalArgumentException(gradients.size() + " gradients for " + parameters.size() + " parameters");
    }
    step++;
    double bias1 = 1 - Math.pow(beta1, step);
    double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    float correctedLearningRate = (float) (learningRate * bias2Sqrt / bias1);
    float correctedEps = (float) (eps * bias2Sqrt);
    for (int i = 0; i < parameters.size(); i++) {
      NDArray parameter = parameters.get(i);
      parameter.getNDArrayInternal().adamUpdate(
          new NDList(parameter, gradients.get(i), firstMoments.get(i), secondMoments.get(i)), new NDList(parameter),
          (float) learningRate, correctedLearningRate, 0f, 1f, -1f, (float) beta1, (float) beta2, correctedEps,
          false, false);
    }
    gradients.zero();
  }

  /** Zeroes the parameters' gradients without stepping. */
  public void zeroGradients() {
    try (Gradients gradients = Gradients.of(parameters)) {
      gradients.zero();
    }
  }

  /** A copy of the optimiser's state: step count, learning rate and both moments as flat float arrays. */
  public AdamState state() {
    List<float[]> first = firstMoments.stream().map(NDArray::toFloatArray).toList();
    List<float[]> second = secondMoments.stream().map(NDArray::toFloatArray).toList();
    return new AdamState(step, learningRate, first, second);
  }

  /**
   * Replaces the state with a saved one for the same parameter shapes.
   *
   * @throws IllegalArgumentException if the saved moments do not match the parameters
   */
  public void restore(AdamState state) {
    if (state.firstMoments().size() != parameters.size() || state.secondMoments().size() != parameters.size()) {
      throw new IllegalArgumentException("saved optimiser state has " + state.firstMoments().size()
          + " moment arrays, this optimiser has " + parameters.size() + " parameters");
    }
    for (int i = 0; i < parameters.size(); i++) {
      long size = parameters.get(i).size();
      if (state.firstMoments().get(i).length != size || state.secondMoments().get(i).length != size) {
        throw new IllegalArgumentException("saved optimiser moments for parameter " + i + " have "
            + state.firstMoments().get(i).length + " values, the parameter has " + size);
      }
      firstMoments.get(i).set(state.firstMoments().get(i));
      secondMoments.get(i).set(state.secondMoments().get(i));
    }
    step = state.step();
    learningRate = state.learningRate();
  }
}
