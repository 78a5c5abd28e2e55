package org.samdp.envs.mujoco;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The MuJoCo C functions samdp calls, bound by JNA direct mapping (no per-call reflection). {@link MuJoCo} registers
 * the class against the located library before any method is called; nothing else touches it.
 */
final class MjNative {
  private MjNative() {}

  static void register(NativeLibrary library) {
    Native.register(MjNative.class, library);
  }

  static native Pointer mj_loadXML(String filename, Pointer vfs, byte[] error, int errorSize);

  static native void mj_deleteModel(Pointer model);

  static native Pointer mj_makeData(Pointer model);

  static native void mj_resetData(Pointer model, Pointer data);

  static native void mj_deleteData(Pointer data);

  static native void mj_step(Pointer model, Pointer data);

  static native void mj_forward(Pointer model, Pointer data);

  static native void mj_rnePostConstraint(Pointer model, Pointer data);

  static native int mj_name2id(Pointer model, int type, String name);

  static native double mj_getTotalmass(Pointer model);

  static native int mj_stateSize(Pointer model, int signature);

  static native void mj_getState(Pointer model, Pointer data, double[] state, int signature);

  static native int mj_version();

  static native String mj_versionString();
}
