package org.samdp.envs.mujoco;

/** MuJoCo refused a model: its message, prefixed by the file or resource it came from. */
public final class MjModelException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  MjModelException(String message) {
    super(message);
  }
}
