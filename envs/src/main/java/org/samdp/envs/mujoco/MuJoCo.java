package org.samdp.envs.mujoco;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The loaded MuJoCo library: found by {@link MuJoCoLocator}, bound through {@link MjNative}, its struct layout read by
 * {@link MjLayout}. Loaded once per process on first use; {@link #get()} fails with one
 * {@link MuJoCoUnavailableException} that says how to get the library when it is missing.
 */
public final class MuJoCo {
  private static MuJoCo instance;

  private final String version;
  private final MjLayout layout;
  // Held so that the native warning hook can never point at a collected callback.
  private final WarningHook warningHook;

  private MuJoCo(MuJoCoLocator.Location location) {
    NativeLibrary nativeLibrary;
    try {
      nativeLibrary = NativeLibrary.getInstance(location.library().toString());
      MjNative.register(nativeLibrary);
    } catch (UnsatisfiedLinkError e) {
      throw new MuJoCoUnavailableException("could not load " + location.library() + ": " + e.getMessage() + ". "
          + MuJoCoLocator.howToGetIt(), e);
    }
    this.version = MjNative.mj_versionString();
    this.layout = MjLayout.load(location, MjNative.mj_version());
    this.warningHook = new WarningHook();
    installWarningHook(nativeLibrary, warningHook);
  }

  /** The process-wide library, loaded on first call. */
  public static synchronized MuJoCo get() {
    if (instance == null) {
      instance = new MuJoCo(MuJoCoLocator.locate());
    }
    return instance;
  }

  /** True if the library can be loaded here (tests use this to skip rather than fail where it is not installed). */
  public static boolean isAvailable() {
    try {
      get();
      return true;
    } catch (MuJoCoUnavailableException e) {
      return false;
    }
  }

  /** MuJoCo's version string, e.g. {@code 3.14.0}. */
  public String version() {
    return version;
  }

  MjLayout layout() {
    return layout;
  }

  /**
   * Routes MuJoCo's warnings to samdp instead of MuJoCo's default, which prints them and appends them to
   * {@code MUJOCO_LOG.TXT} in the working directory. Envs read the per-data warning counters and report them in
   * {@code info}; the hook drops the message itself.
   */
  private static void installWarningHook(NativeLibrary nativeLibrary, WarningHook hook) {
    Pointer slot = nativeLibrary.getGlobalVariableAddress("mju_user_warning");
    slot.setPointer(0, CallbackReference.getFunctionPointer(hook));
  }

  /** MuJoCo's {@code void (*mju_user_warning)(const char*)}. */
  private static final class WarningHook implements Callback {
    @SuppressWarnings("unused") // called by MuJoCo through JNA
    public void callback(String message) {
      // The envs' info reports the warning counters; the text is not needed.
    }
  }
}
