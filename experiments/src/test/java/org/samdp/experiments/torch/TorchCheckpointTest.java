package org.samdp.experiments.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.samdp.experiments.importer.Fixtures;

class TorchCheckpointTest {
  @Test
  void readsTheZipFixture() {
    TorchCheckpoint checkpoint = TorchCheckpoint.read(Fixtures.file("sappo-mlp.model"));
    assertEquals(TorchCheckpoint.Format.ZIP, checkpoint.format());
    Map<?, ?> root = (Map<?, ?>) checkpoint.root();
    System.out.println(root.keySet());
    Map<?, ?> policy = (Map<?, ?>) root.get("policy_model");
    policy.forEach((k, v) -> System.out.println(k + " " + v));
    Tensor w = (Tensor) policy.get("affine_layers.0.weight");
    assertArrayEquals(new long[] {64, 11}, w.shape());
    System.out.println(root.get("envs"));
    PyObject env = (PyObject) ((java.util.List<?>) root.get("envs")).get(0);
    PyObject filter = (PyObject) env.attribute("state_filter");
    PyObject rs = (PyObject) filter.attribute("rs");
    System.out.println(rs.attribute("_n") + " " + java.util.Arrays.toString(((NumpyArray) rs.attribute("_M")).toDoubles()));
  }

  @Test
  void readsTheLegacyFixture() {
    TorchCheckpoint checkpoint = TorchCheckpoint.read(Fixtures.file("sa-ddpg.model"));
    assertEquals(TorchCheckpoint.Format.LEGACY, checkpoint.format());
    Map<?, ?> root = (Map<?, ?>) checkpoint.root();
    root.forEach((k, v) -> System.out.println(k + " " + v));
    assertInstanceOf(Tensor.class, root.get("fc_action.0.weight"));
    System.out.println(((Tensor) root.get("fc_action.4.bias")).values()[0]);
  }
}
