package org.samdp.bounds.network;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.NativeLibrary;
import java.nio.file.Path;

/**
 * Raises libtorch's log threshold to errors. On CPUs NNPACK does not support, every convolution makes libtorch try to
 * initialise NNPACK again and print "Could not initialize NNPACK! Reason: Unsupported hardware." (thousands of lines
 * per run); the threshold is c10's global {@code FLAGS_caffe2_log_level}, which only Python's torch sets from
 * {@code TORCH_CPP_LOG_LEVEL}, so it is set here directly. Errors still print.
 */
final class LibtorchWarnings {
  /** c10's severity of errors (warnings are 1). */
  private static final int ERROR = 2;
  private static boolean silenced;

  private LibtorchWarnings() {}

  /** Silences libtorch's warnings for this process; idempotent. A library without the flag is left as it is. */
  static synchronized void silence() {
    if (silenced) {
      return;
    }
    silenced = true;
    try {
      Engine.getEngine("PyTorch");
      Path c10 = Path.of(LibUtils.getLibtorchPath(), System.mapLibraryName("c10"));
      NativeLibrary.getInstance(c10.toString()).getGlobalVariableAddress("FLAGS_caffe2_log_level").setInt(0, ERROR);
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      // Cosmetic only: another build of libtorch keeps printing its warnings.
    }
  }
}
