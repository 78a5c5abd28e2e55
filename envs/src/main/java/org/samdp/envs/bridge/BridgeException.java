package org.samdp.envs.bridge;

import io.grpc.Status;

/**
 * The bridge could not do what was asked: the server is gone or unreachable, a call ran past its deadline, the
 * session no longer exists on the server, or the remote env failed. The message says which, and what to do.
 */
public class BridgeException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient Status.Code code;

  public BridgeException(String message, Status.Code code, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The gRPC status code behind the failure. */
  public Status.Code code() {
    return code;
  }
}
