package org.samdp.experiments.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.experiments.importer.Fixtures;

class TorchCheckpointTest {
  @TempDir
  Path dir;

  @Test
  void theZipFormatGivesTensorsAndKeepsUnknownClassesAsOpaqueObjects() {
    TorchCheckpoint checkpoint = TorchCheckpoint.read(Fixtures.file("sappo-mlp.model"));
    assertEquals(TorchCheckpoint.Format.ZIP, checkpoint.format());
    Map<?, ?> root = (Map<?, ?>) checkpoint.root();
    Map<?, ?> policy = (Map<?, ?>) root.get("policy_model");
    assertArrayEquals(new long[] {64, 11}, ((Tensor) policy.get("affine_layers.0.weight")).shape());
    assertArrayEquals(new long[] {3}, ((Tensor) policy.get("log_stdev")).shape());
    PyObject env = (PyObject) ((List<?>) root.get("envs")).get(0);
    assertEquals("policy_gradients.custom_env.Env", env.qualifiedName());
    PyObject rs = (PyObject) ((PyObject) env.attribute("state_filter")).attribute("rs");
    assertEquals(2004438L, rs.attribute("_n"));
    assertArrayEquals(new long[] {11}, ((NumpyArray) rs.attribute("_M")).shape());
    assertEquals(11, ((NumpyArray) rs.attribute("_S")).toDoubles().length);
  }

  @Test
  void theLegacyFormatAttachesEachStorageAfterThePickle() {
    TorchCheckpoint checkpoint = TorchCheckpoint.read(Fixtures.file("sa-ddpg.model"));
    assertEquals(TorchCheckpoint.Format.LEGACY, checkpoint.format());
    Map<?, ?> root = (Map<?, ?>) checkpoint.root();
    assertArrayEquals(new long[] {400, 11}, ((Tensor) root.get("fc_action.0.weight")).shape());
    assertArrayEquals(new long[] {400, 14}, ((Tensor) root.get("fc_critic.0.weight")).shape());
    assertEquals(300 * 400, ((Tensor) root.get("fc_action.2.weight")).values().length);
  }

  @Test
  void aTensorHonoursItsOffsetAndStrides() {
    Storage storage = new Storage("0", "FloatStorage", 8);
    ByteBuffer bytes = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 8; i++) {
      bytes.putFloat(i);
    }
    storage.attach(bytes.flip());
    // A transposed 2x3 view starting at element 1: rows are strided by 1, columns by 2.
    assertArrayEquals(new float[] {1, 3, 5, 2, 4, 6}, new Tensor(storage, 1, new long[] {2, 3}, new long[] {1, 2})
        .values());
    IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
        () -> new Tensor(storage, 4, new long[] {5}, new long[] {1}).values());
    assertTrue(outside.getMessage().contains("reaches element 8"), outside.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Storage("1", "FloatStorage", 8)
        .attach(ByteBuffer.allocate(31)));
  }

  @Test
  void numpyArraysReadUnderBothModulePathsAndUnknownCallsBecomeObjects() {
    byte[] data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(1.5).putDouble(-2).array();
    for (String module : List.of("numpy.core.multiarray", "numpy._core.multiarray")) {
      PickleBytes pickle = PickleBytes.start().op('}').mark();
      pickle.string("array").global(module, "_reconstruct").global("numpy", "ndarray").ints(0)
          .global("_codecs", "encode").string("b").string("latin1").op(0x86).op('R').op(0x87).op('R');
      pickle.mark().integer(1).ints(2).global("numpy", "dtype").string("f8").op(0x89).op(0x88).op(0x87).op('R')
          .mark().integer(3).string("<").op('N').op('N').op('N').integer(-1).integer(-1).integer(0).op('t').op('b')
          .op(0x89).global("_codecs", "encode").string(new String(data, java.nio.charset.StandardCharsets.ISO_8859_1))
          .string("latin1").op(0x86).op('R').op('t').op('b');
      pickle.string("random").global("numpy.random._pickle", "__randomstate_ctor").string("MT19937").op(0x85)
          .op('R').op('}').string("state").integer(7).op('s').op('b');
      Map<?, ?> root = (Map<?, ?>) new Unpickler(ByteBuffer.wrap(pickle.op('u').stop()), null).load();
      assertArrayEquals(new double[] {1.5, -2}, ((NumpyArray) root.get("array")).toDoubles(), module);
      PyObject random = assertInstanceOf(PyObject.class, root.get("random"));
      assertEquals("numpy.random._pickle.__randomstate_ctor", random.qualifiedName());
      assertEquals(List.of("MT19937"), random.arguments());
      assertEquals(7L, random.attribute("state"));
    }
  }

  @Test
  void aFileThatIsNoCheckpointOrIsTruncatedIsRefusedNamingIt() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.model"), "not a checkpoint");
    IllegalArgumentException notOne = assertThrows(IllegalArgumentException.class, () -> TorchCheckpoint.read(text));
    assertEquals(text + " is not a PyTorch checkpoint (neither torch.save's zip format nor its legacy format)",
        notOne.getMessage());
    byte[] legacy = Files.readAllBytes(Fixtures.file("sa-ddpg.model"));
    Path cut = Files.write(dir.resolve("cut.model"), Arrays.copyOf(legacy, legacy.length - 100));
    IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class, () -> TorchCheckpoint.read(cut));
    assertTrue(truncated.getMessage().startsWith(cut + ": storage '") && truncated.getMessage().contains("truncated"),
        truncated.getMessage());
    Path zip = Files.write(dir.resolve("cut-zip.model"), Arrays.copyOf(Files.readAllBytes(
        Fixtures.file("sappo-mlp.model")), 30000));
    IllegalArgumentException damaged = assertThrows(IllegalArgumentException.class, () -> TorchCheckpoint.read(zip));
    assertTrue(damaged.getMessage().contains("damaged or truncated"), damaged.getMessage());
  }
}
