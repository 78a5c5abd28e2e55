package org.samdp.envs.mujoco;

/** The MuJoCo library (or the headers samdp reads its struct layout from) could not be found or loaded. */
public final class MuJoCoUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  MuJoCoUnavailableException(String message) {
    super(message);
  }

  MuJoCoUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
