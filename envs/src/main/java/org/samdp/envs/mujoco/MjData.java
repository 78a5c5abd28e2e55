package org.samdp.envs.mujoco;

import com.sun.jna.Pointer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulation state of one {@link MjModel} ({@code mjData*}), freed by {@link #close()}.
 *
 * <p>The arrays samdp reads are exposed to the package as {@link DoubleBuffer} views straight onto MuJoCo's memory:
 * MuJoCo allocates them once in {@code mj_makeData} and never moves them, so a step reads and writes them without a
 * JNA call. Not thread-safe; one data block belongs to one env.
 */
public final class MjData implements AutoCloseable {
  /** MuJoCo's warning types, by the names of {@code mjtWarning} without the {@code mjWARN_} prefix. */
  public static final List<String> WARNINGS =
      List.of("INERTIA", "CONTACTFULL", "CNSTRFULL", "BADQPOS", "BADQVEL", "BADQACC", "BADCTRL");

  private final MjModel model;
  private Pointer pointer;

  final DoubleBuffer qpos;
  final DoubleBuffer qvel;
  final DoubleBuffer ctrl;
  final DoubleBuffer xpos;
  final DoubleBuffer xipos;
  final DoubleBuffer cinert;
  final DoubleBuffer cvel;
  final DoubleBuffer qfrcActuator;
  final DoubleBuffer cfrcExt;
  final DoubleBuffer tenLength;
  final DoubleBuffer tenVelocity;

  private final long timeOffset;
  /** MuJoCo's {@code mjData.warning} array, viewed as ints; the count of warning i is at {@code warningIndex[i]}. */
  private final IntBuffer warnings;
  private final int[] warningIndex;

  MjData(MjModel model) {
    this.model = model;
    Pointer data = MjNative.mj_makeData(model.pointer());
    if (data == null) {
      throw new IllegalStateException("mj_makeData failed for " + model.source() + " (out of memory?)");
    }
    this.pointer = data;
    int nbody = model.nbody();
    qpos = view("data.qpos", model.nq());
    qvel = view("data.qvel", model.nv());
    ctrl = view("data.ctrl", model.nu());
    xpos = view("data.xpos", nbody * 3);
    xipos = view("data.xipos", nbody * 3);
    cinert = view("data.cinert", nbody * 10);
    cvel = view("data.cvel", nbody * 6);
    qfrcActuator = view("data.qfrc_actuator", model.nv());
    cfrcExt = view("data.cfrc_ext", nbody * 6);
    tenLength = view("data.ten_length", model.ntendon());
    tenVelocity = view("data.ten_velocity", model.ntendon());
    MjLayout layout = model.layout();
    timeOffset = layout.offset("data.time");
    int stride = layout.constant("warning.stride");
    warnings = data.getByteBuffer(layout.offset("data.warning"), (long) stride * layout.constant("warning.count"))
        .order(ByteOrder.nativeOrder()).asIntBuffer();
    warningIndex = new int[WARNINGS.size()];
    for (int i = 0; i < warningIndex.length; i++) {
      int byteOffset = layout.constant("warning." + WARNINGS.get(i)) * stride + layout.constant("warning.number");
      warningIndex[i] = byteOffset / Integer.BYTES;
    }
  }

  /** {@code mj_step}: advances the simulation by one timestep. */
  public void step() {
    MjNative.mj_step(model.pointer(), pointer());
  }

  /** {@code mj_forward}: recomputes everything derived from the state without advancing time. */
  public void forward() {
    MjNative.mj_forward(model.pointer(), pointer());
  }

  /** {@code mj_rnePostConstraint}: fills {@code cacc}, {@code cfrc_int} and {@code cfrc_ext}. */
  public void rnePostConstraint() {
    MjNative.mj_rnePostConstraint(model.pointer(), pointer());
  }

  /** {@code mj_resetData}: back to {@code qpos0}, zero velocity, time, controls and warm start. */
  public void reset() {
    MjNative.mj_resetData(model.pointer(), pointer());
  }

  /** Simulation time, seconds. */
  public double time() {
    return pointer().getDouble(timeOffset);
  }

  /** Generalized positions (nq), a copy. */
  public double[] qpos() {
    return copy(qpos);
  }

  /** Generalized velocities (nv), a copy. */
  public double[] qvel() {
    return copy(qvel);
  }

  /** Controls (nu) as written, before MuJoCo clamps them to {@code ctrlrange}; a copy. */
  public double[] ctrl() {
    return copy(ctrl);
  }

  /** Body frame positions (nbody × 3), as the last {@code mj_step} or {@code mj_forward} left them. */
  public double[] xpos() {
    return copy(xpos);
  }

  /** External forces on the bodies (nbody × 6), as the last {@link #rnePostConstraint()} left them. */
  public double[] cfrcExt() {
    return copy(cfrcExt);
  }

  /** Writes the generalized positions (nq); call {@link #forward()} to update what derives from them. */
  public void setQpos(double[] values) {
    put(qpos, values, "qpos");
  }

  /** Writes the generalized velocities (nv). */
  public void setQvel(double[] values) {
    put(qvel, values, "qvel");
  }

  /** Writes the controls (nu), unclipped. */
  public void setCtrl(double[] values) {
    put(ctrl, values, "ctrl");
  }

  /** How often each warning of {@link #WARNINGS} was raised since the last reset or clear, in that order. */
  public int[] warningCounts() {
    pointer();
    int[] counts = new int[warningIndex.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = warnings.get(warningIndex[i]);
    }
    return counts;
  }

  /**
   * Zeroes the warning counts. Envs clear them before each step and read them after: counting from zero is the only
   * reliable way, because MuJoCo's own recovery from a bad acceleration resets the data (counts included) and then
   * counts that one warning again.
   */
  public void clearWarnings() {
    pointer();
    for (int index : warningIndex) {
      warnings.put(index, 0);
    }
  }

  /** The warnings raised since the last reset or clear, by name, with their counts; empty if none. */
  public Map<String, Integer> warnings() {
    int[] counts = warningCounts();
    Map<String, Integer> raised = new LinkedHashMap<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        raised.put(WARNINGS.get(i), counts[i]);
      }
    }
    return raised;
  }

  Pointer pointer() {
    if (pointer == null) {
      throw new IllegalStateException("data of model " + model.source() + " is closed");
    }
    return pointer;
  }

  @Override
  public void close() {
    if (pointer != null) {
      MjNative.mj_deleteData(pointer);
      pointer = null;
    }
  }

  /** True once {@link #close()} freed the data. */
  public boolean isClosed() {
    return pointer == null;
  }

  private DoubleBuffer view(String key, int length) {
    if (length == 0) {
      return DoubleBuffer.allocate(0);
    }
    Pointer array = pointer.getPointer(model.layout().offset(key));
    return array.getByteBuffer(0, length * 8L).order(ByteOrder.nativeOrder()).asDoubleBuffer();
  }

  private void put(DoubleBuffer target, double[] values, String name) {
    pointer();
    if (values.length != target.capacity()) {
      throw new IllegalArgumentException(name + " needs " + target.capacity() + " values, got " + values.length);
    }
    target.put(0, values);
  }

  private double[] copy(DoubleBuffer source) {
    pointer();
    double[] values = new double[source.capacity()];
    source.get(0, values);
    return values;
  }
}
