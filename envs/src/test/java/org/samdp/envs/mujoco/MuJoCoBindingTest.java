package org.samdp.envs.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binding: struct offsets from the probe read what MuJoCo's own API reports, and errors carry MuJoCo's text. */
@Tag("native")
class MuJoCoBindingTest {

  @BeforeAll
  static void needsMuJoCo() {
    assertTrue(MuJoCo.isAvailable(), "MuJoCo is not installed here: run ./samdp test, which sets up .venv");
  }

  @Test
  void modelCountsAndConstantsReadThroughOffsetsMatchTheModel() {
    try (MjModel model = MjModel.loadResource("hopper.xml")) {
      assertEquals(6, model.nq());
      assertEquals(6, model.nv());
      assertEquals(3, model.nu());
      assertEquals(5, model.nbody());
      assertEquals(0.002, model.timestep());
      assertArrayEquals(new double[] {0, 1.25, 0, 0, 0, 0}, model.qpos0());
      assertArrayEquals(new double[] {-1, 1, -1, 1, -1, 1}, model.actuatorCtrlRange());
      // Facts sheet A.9, and MuJoCo's own total through mj_getTotalmass.
      double[] mass = model.bodyMass();
      assertArrayEquals(new double[] {0, 3.665191, 4.057891, 2.781357, 5.315575}, mass, 1e-6);
      assertEquals(model.totalMass(), Arrays.stream(mass).sum(), 1e-12);
      assertArrayEquals(new double[] {0.0692459, 0.0692459, 0.00445059},
          Arrays.copyOfRange(model.bodyInertia(), 3, 6), 1e-7);
      assertEquals(1, model.bodyId("torso"));
      assertEquals(4, model.bodyId("foot"));
    }
  }

  @Test
  void dataViewsReadAndWriteWhatTheStateApiSees() {
    MjLayout layout = MuJoCo.get().layout();
    try (MjModel model = MjModel.loadResource("hopper.xml"); MjData data = model.makeData()) {
      double[] qpos = {0.3, 1.1, 0.05, -0.2, -0.3, 0.1};
      double[] qvel = {0.5, -0.25, 0.125, 1, 2, 3};
      double[] ctrl = {0.1, -0.2, 0.3};
      data.setQpos(qpos);
      data.setQvel(qvel);
      data.setCtrl(ctrl);
      int signature = layout.constant("state.qpos") | layout.constant("state.qvel") | layout.constant("state.ctrl");
      double[] state = new double[MjNative.mj_stateSize(model.pointer(), signature)];
      MjNative.mj_getState(model.pointer(), data.pointer(), state, signature);
      double[] expected = new double[15];
      System.arraycopy(qpos, 0, expected, 0, 6);
      System.arraycopy(qvel, 0, expected, 6, 6);
      System.arraycopy(ctrl, 0, expected, 12, 3);
      assertArrayEquals(expected, state);

      data.forward();
      // The torso frame is where the root joints put it; its centre of mass is at its frame origin.
      double[] xpos = data.xpos();
      assertArrayEquals(new double[] {0.3, 0, 1.1}, Arrays.copyOfRange(xpos, 3, 6), 1e-12);
      assertArrayEquals(Arrays.copyOfRange(xpos, 3, 6), new double[] {data.xipos.get(3), data.xipos.get(4),
          data.xipos.get(5)}, 1e-12);
      // cinert's last entry per body is the body's mass.
      double[] mass = model.bodyMass();
      for (int b = 0; b < model.nbody(); b++) {
        assertEquals(mass[b], data.cinert.get(10 * b + 9), 1e-12);
      }
      for (int i = 0; i < 10; i++) {
        data.step();
      }
      assertEquals(10 * 0.002, data.time(), 1e-12);
    }
  }

  @Test
  void contactForcesAppearAfterRnePostConstraint() {
    try (MjModel model = MjModel.loadResource("hopper.xml"); MjData data = model.makeData()) {
      for (int i = 0; i < 200; i++) { // let it fall onto the floor
        data.step();
      }
      assertTrue(Arrays.stream(data.cfrcExt()).allMatch(v -> v == 0), "cfrc_ext is filled only on request");
      data.rnePostConstraint();
      assertTrue(Arrays.stream(data.cfrcExt()).anyMatch(v -> v != 0), "the foot touches the floor");
      for (int i = 0; i < model.nv(); i++) {
        assertEquals(0.0, data.qfrcActuator.get(i), "no control, no actuator force");
      }
    }
  }

  @Test
  void anExplodingStateIsReportedAsAWarningNotAHang() {
    try (MjModel model = MjModel.loadResource("hopper.xml"); MjData data = model.makeData()) {
      double[] qvel = new double[6];
      Arrays.fill(qvel, 1e300);
      data.setQvel(qvel);
      data.step();
      assertTrue(data.warnings().containsKey("BADQVEL") || data.warnings().containsKey("BADQACC"),
          "warnings: " + data.warnings());
      data.clearWarnings();
      assertEquals(0, Arrays.stream(data.warningCounts()).sum());
    }
  }

  @Test
  void malformedAndMissingFilesFailWithMuJoCosMessageAndTheFile(@TempDir Path dir) throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.xml"), "<mujoco><worldbody><body><geom type='nosuch'/>");
    MjModelException malformed = assertThrows(MjModelException.class, () -> MjModel.loadXml(broken));
    assertTrue(malformed.getMessage().contains("broken.xml"), malformed.getMessage());
    assertTrue(malformed.getMessage().length() > broken.toString().length() + 10, malformed.getMessage());

    Path missing = dir.resolve("missing.xml");
    MjModelException notThere = assertThrows(MjModelException.class, () -> MjModel.loadXml(missing));
    assertTrue(notThere.getMessage().contains("missing.xml"), notThere.getMessage());
  }

  @Test
  void closedHandlesRefuseUseAndCloseTwiceIsSafe() {
    MjModel model = MjModel.loadResource("hopper.xml");
    MjData data = model.makeData();
    data.close();
    data.close();
    assertThrows(IllegalStateException.class, data::step);
    model.close();
    model.close();
    assertThrows(IllegalStateException.class, model::makeData);
  }

  @Test
  void versionIsTheWheelsAndTheLayoutMatchesIt() {
    MuJoCo mujoco = MuJoCo.get();
    assertTrue(mujoco.version().matches("\\d+\\.\\d+\\.\\d+.*"), mujoco.version());
    assertEquals(MjNative.mj_version(), mujoco.layout().constant("header_version"));
  }
}
