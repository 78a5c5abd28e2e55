package org.samdp.experiments.torch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An object of a Python class (or the result of a Python function) that the reader does not know, such as an old gym
 * env or a numpy random state: kept as its class name, the arguments it was made with and the state {@code BUILD}
 * gave it, so that a caller can still read its attributes.
 */
public final class PyObject {
  private final String module;
  private final String name;
  private final List<Object> arguments;
  private final List<Object> listItems = new ArrayList<>();
  private final Map<Object, Object> dictItems = new LinkedHashMap<>();
  private Object state;

  PyObject(String module, String name, List<Object> arguments) {
    this.module = module;
    this.name = name;
    this.arguments = arguments;
  }

  /** The defining module, e.g. {@code policy_gradients.torch_utils}. */
  public String module() {
    return module;
  }

  /** The class or function name, e.g. {@code ZFilter}. */
  public String name() {
    return name;
  }

  /** {@code module.name}. */
  public String qualifiedName() {
    return module + "." + name;
  }

  /** The arguments it was constructed with. */
  public List<Object> arguments() {
    return arguments;
  }

  /** The state {@code BUILD} set (usually its {@code __dict__}), or null. */
  public Object state() {
    return state;
  }

  /** Items appended to it, if it is a kind of list. */
  public List<Object> listItems() {
    return listItems;
  }

  /** Items set in it, if it is a kind of dict (a {@code defaultdict}, say). */
  public Map<Object, Object> dictItems() {
    return dictItems;
  }

  void build(Object newState) {
    state = newState;
  }

  /**
   * An attribute from its {@code __dict__} (or from the slots of a {@code (dict, slots)} state).
   *
   * @return the value, or null if there is none
   */
  public Object attribute(String attribute) {
    if (state instanceof Map<?, ?> dict) {
      return dict.get(attribute);
    }
    if (state instanceof List<?> pair && pair.size() == 2) {
      for (Object part : pair) {
        if (part instanceof Map<?, ?> dict && dict.containsKey(attribute)) {
          return dict.get(attribute);
        }
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return qualifiedName() + "(...)";
  }
}
