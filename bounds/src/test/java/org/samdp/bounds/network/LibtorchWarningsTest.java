package org.samdp.bounds.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.NativeLibrary;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A network with a convolution lifts libtorch's log threshold to errors (no NNPACK warning per call). */
class LibtorchWarningsTest {

  @Test
  void buildingAConvolutionalNetworkSilencesLibtorchWarnings() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network.builder(new Shape(1, 6, 6)).conv2d(2, 3, 1, 0).build(manager, DataType.FLOAT32, 1);
      Path c10 = Path.of(LibUtils.getLibtorchPath(), System.mapLibraryName("c10"));
      int level = NativeLibrary.getInstance(c10.toString()).getGlobalVariableAddress("FLAGS_caffe2_log_level")
          .getInt(0);
      assertEquals(2, level, "c10's log threshold (1: warnings print, 2: errors only)");
    }
  }
}
