package org.samdp.envs;

/** An action that the action space does not contain (wrong shape, NaN, out of bounds, wrong type). */
public class InvalidActionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidActionException(String message) {
    super(message);
  }
}
