package org.samdp.envs.mujoco;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A compiled MuJoCo model ({@code mjModel*}). Immutable once loaded, so any number of {@link MjData} blocks (one per
 * env of a vector env) may step against it, also from several threads. {@link #close()} frees it; every data block
 * made from it must be closed first.
 */
public final class MjModel implements AutoCloseable {
  private static final int ERROR_BUFFER = 1000;

  private final MjLayout layout;
  private final String source;
  private Pointer pointer;

  private final int nq;
  private final int nv;
  private final int nu;
  private final int nbody;
  private final int ntendon;

  private MjModel(MjLayout layout, Pointer pointer, String source) {
    this.layout = layout;
    this.pointer = pointer;
    this.source = source;
    this.nq = count("model.nq");
    this.nv = count("model.nv");
    this.nu = count("model.nu");
    this.nbody = count("model.nbody");
    this.ntendon = count("model.ntendon");
  }

  /** Compiles an MJCF file; a malformed or missing file fails with MuJoCo's own message and the file's name. */
  public static MjModel loadXml(Path file) {
    MuJoCo mujoco = MuJoCo.get();
    byte[] error = new byte[ERROR_BUFFER];
    Pointer model = MjNative.mj_loadXML(file.toAbsolutePath().toString(), null, error, error.length);
    if (model == null) {
      throw new MjModelException(file + ": " + cString(error));
    }
    return new MjModel(mujoco.layout(), model, file.toString());
  }

  /**
   * Compiles an MJCF file shipped as a class-path resource next to this class (e.g. {@code hopper.xml}). MuJoCo reads
   * only files, so the resource is copied to a temporary file for the duration of the load.
   */
  public static MjModel loadResource(String name) {
    MuJoCo mujoco = MuJoCo.get();
    try (InputStream in = MjModel.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new MjModelException("no model resource " + name + " beside " + MjModel.class.getName());
      }
      Path temp = Files.createTempFile("samdp-", "-" + name);
      try {
        Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        byte[] error = new byte[ERROR_BUFFER];
        Pointer model = MjNative.mj_loadXML(temp.toString(), null, error, error.length);
        if (model == null) {
          throw new MjModelException("model resource " + name + ": " + cString(error));
        }
        return new MjModel(mujoco.layout(), model, name);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read model resource " + name, e);
    }
  }

  /** Where the model was loaded from (a file path or a resource name). */
  public String source() {
    return source;
  }

  /** Number of generalized coordinates, the length of {@code qpos}. */
  public int nq() {
    return nq;
  }

  /** Number of degrees of freedom, the length of {@code qvel}. */
  public int nv() {
    return nv;
  }

  /** Number of actuators, the length of {@code ctrl}. */
  public int nu() {
    return nu;
  }

  /** Number of bodies, the world body included. */
  public int nbody() {
    return nbody;
  }

  /** Number of tendons. */
  public int ntendon() {
    return ntendon;
  }

  /** {@code opt.timestep}, seconds. */
  public double timestep() {
    return pointer().getDouble(layout.offset("model.opt.timestep"));
  }

  /** The reference configuration {@code qpos0} (nq). */
  public double[] qpos0() {
    return array("model.qpos0", nq);
  }

  /** Body masses (nbody), world first. */
  public double[] bodyMass() {
    return array("model.body_mass", nbody);
  }

  /** Principal inertias (nbody × 3, row-major). */
  public double[] bodyInertia() {
    return array("model.body_inertia", nbody * 3);
  }

  /** Control ranges (nu × 2, row-major: low, high per actuator). */
  public double[] actuatorCtrlRange() {
    return array("model.actuator_ctrlrange", nu * 2);
  }

  /** MuJoCo's own sum of the body masses ({@code mj_getTotalmass}). */
  public double totalMass() {
    return MjNative.mj_getTotalmass(pointer());
  }

  /** The id of a named body; an unknown name is an error. */
  public int bodyId(String name) {
    int id = MjNative.mj_name2id(pointer(), layout.constant("obj.body"), name);
    if (id < 0) {
      throw new IllegalArgumentException(source + " has no body named '" + name + "'");
    }
    return id;
  }

  /** Allocates a data block for this model (the caller owns it and closes it). */
  public MjData makeData() {
    return new MjData(this);
  }

  MjLayout layout() {
    return layout;
  }

  Pointer pointer() {
    if (pointer == null) {
      throw new IllegalStateException("model " + source + " is closed");
    }
    return pointer;
  }

  @Override
  public synchronized void close() {
    if (pointer != null) {
      MjNative.mj_deleteModel(pointer);
      pointer = null;
    }
  }

  /** True once {@link #close()} freed the model. */
  public boolean isClosed() {
    return pointer == null;
  }

  private int count(String key) {
    long offset = layout.offset(key);
    long value = layout.size(key) == 8 ? pointer.getLong(offset) : pointer.getInt(offset);
    return Math.toIntExact(value);
  }

  private double[] array(String key, int length) {
    return pointer().getPointer(layout.offset(key)).getDoubleArray(0, length);
  }

  private static String cString(byte[] bytes) {
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return end == 0 ? "MuJoCo gave no message" : new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "MjModel(" + source + ", nq=" + nq + ", nv=" + nv + ", nu=" + nu + ", nbody=" + nbody + ")";
  }
}
