package org.samdp.agents.optim;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.samdp.agents.io.TensorFile;

/**
 * Everything {@link Adam} needs to continue exactly where it stopped.
 *
 * @param step steps taken (bias correction depends on it)
 * @param learningRate the learning rate of the last step
 * @param firstMoments {@code m} per parameter, flattened
 * @param secondMoments {@code v} per parameter, flattened
 */
public record AdamState(long step, double learningRate, List<float[]> firstMoments, List<float[]> secondMoments) {

  /** Copies the lists. */
  public AdamState {
    firstMoments = List.copyOf(firstMoments);
    secondMoments = List.copyOf(secondMoments);
  }

  /**
   * The moments as tensor-file entries {@code prefix.m/i} and {@code prefix.v/i}, shaped like {@code parameters}
   * (step and learning rate go to a state file beside them).
   */
  public Map<String, TensorFile.Entry> entries(String prefix, List<NDArray> parameters) {
    Map<String, TensorFile.Entry> entries = new LinkedHashMap<>();
    for (int i = 0; i < parameters.size(); i++) {
      long[] shape = parameters.get(i).getShape().getShape();
      entries.put(prefix + ".m/" + i, new TensorFile.Entry(shape, firstMoments.get(i)));
      entries.put(prefix + ".v/" + i, new TensorFile.Entry(shape, secondMoments.get(i)));
    }
    return entries;
  }

  /**
   * The state saved by {@link #entries} for {@code count} parameters.
   *
   * @throws IllegalStateException if a moment array is missing
   */
  public static AdamState fromEntries(Map<String, TensorFile.Entry> entries, String prefix, int count, long step,
      double learningRate) {
    List<float[]> first = new ArrayList<>();
    List<float[]> second = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      TensorFile.Entry m = entries.get(prefix + ".m/" + i);
      TensorFile.Entry v = entries.get(prefix + ".v/" + i);
      if (m == null || v == null) {
        throw new IllegalStateException("checkpoint has no optimiser moments '" + prefix + "' for parameter " + i);
      }
      first.add(m.values());
      second.add(v.values());
    }
    return new AdamState(step, learningRate, first, second);
  }
}
