package org.samdp.experiments.importer;

import java.util.Arrays;
import java.util.Map;
import org.samdp.experiments.torch.Tensor;

/**
 * One {@code state_dict} of a checkpoint (parameter name to tensor), with errors that name the file and the dict.
 *
 * @param source the file and dict, for messages, e.g. {@code hopper.model's policy_model}
 * @param entries the parameters
 */
public record StateDict(String source, Map<?, ?> entries) {
  /**
   * The state dict {@code key} of a checkpoint's top-level dict.
   *
   * @throws IllegalArgumentException if there is none
   */
  public static StateDict of(Map<?, ?> root, String key, String file) {
    if (!(root.get(key) instanceof Map<?, ?> entries)) {
      throw new IllegalArgumentException(file + " has no state dict '" + key + "'; its entries are " + root.keySet()
          + ": not a layout samdp imports");
    }
    return new StateDict(file + "'s " + key, entries);
  }

  /** Whether it holds {@code key}. */
  public boolean has(String key) {
    return entries.get(key) instanceof Tensor;
  }

  /**
   * The tensor {@code key}.
   *
   * @throws IllegalArgumentException if it is missing
   */
  public Tensor tensor(String key) {
    if (!(entries.get(key) instanceof Tensor tensor)) {
      throw new IllegalArgumentException(source + " has no tensor '" + key + "'; it holds " + entries.keySet());
    }
    return tensor;
  }

  /**
   * The tensor {@code key}, which must have {@code shape}.
   *
   * @throws IllegalArgumentException naming both shapes otherwise
   */
  public Tensor tensor(String key, long... shape) {
    Tensor tensor = tensor(key);
    if (!Arrays.equals(tensor.shape(), shape)) {
      throw new IllegalArgumentException(source + ": '" + key + "' has shape " + Arrays.toString(tensor.shape())
          + ", expected " + Arrays.toString(shape));
    }
    return tensor;
  }
}
