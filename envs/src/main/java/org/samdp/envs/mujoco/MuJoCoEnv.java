package org.samdp.envs.mujoco;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.samdp.envs.BaseEnv;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.DType;

/**
 * The base of samdp's MuJoCo envs, Gymnasium's {@code MujocoEnv}: one compiled model (shared with every other open
 * env of the same model file) and one data block of its own.
 *
 * <p>The call order is Gymnasium's (facts sheet A.0): a step writes the action to {@code ctrl} unclipped (MuJoCo
 * clamps it to {@code ctrlrange} internally), calls {@code mj_step} {@code frameSkip} times and
 * {@code mj_rnePostConstraint} once, and then reads the observation without an {@code mj_forward}, so body positions
 * lag the final {@code qpos} by one substep exactly as in Gymnasium. A reset calls {@code mj_resetData}, draws the
 * noise and sets the state through {@link #setState}, which ends in {@code mj_forward}.
 *
 * <p>A simulation that goes unstable is never hidden: every MuJoCo warning raised during a step or reset (e.g.
 * {@code BADQACC}, after which MuJoCo itself resets the state) appears in {@code info} under {@link #WARNINGS_KEY}.
 */
public abstract class MuJoCoEnv extends BaseEnv<double[], double[]> {
  /** The info key of the MuJoCo warnings raised during a step or reset: a map from warning name to count. */
  public static final String WARNINGS_KEY = "mujoco_warnings";

  private final String modelResource;
  /** The compiled model, shared; never modified. */
  protected final MjModel model;
  /** This env's simulation state. */
  protected final MjData data;
  private final int frameSkip;
  private final double dt;
  /** The state a reset adds noise to: {@code qpos0} and zero velocity. */
  protected final double[] initQpos;
  protected final double[] initQvel;
  private final Box actionSpace;
  private final Box observationSpace;
  private boolean closed;

  /**
   * @param modelResource an MJCF file beside this class, e.g. {@code hopper.xml}
   * @param frameSkip physics steps per env step
   * @param observationSize the length of the observation vector, given the compiled model
   */
  protected MuJoCoEnv(String modelResource, int frameSkip, ToIntFunction<MjModel> observationSize) {
    if (frameSkip <= 0) {
      throw new IllegalArgumentException("frame_skip must be positive, got " + frameSkip);
    }
    this.modelResource = modelResource;
    this.model = SharedModels.acquire(modelResource);
    MjData made = null;
    try {
      made = model.makeData();
      this.frameSkip = frameSkip;
      // Gymnasium's dt property: the product of two Python floats, recomputed identically here.
      this.dt = model.timestep() * frameSkip;
      this.initQpos = model.qpos0();
      this.initQvel = new double[model.nv()];
      this.actionSpace = ctrlRangeBox(model);
      this.observationSpace = Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
          new int[] {observationSize.applyAsInt(model)}, DType.FLOAT64);
    } catch (RuntimeException e) {
      if (made != null) {
        made.close();
      }
      SharedModels.release(modelResource);
      throw e;
    }
    this.data = made;
  }

  /** Gymnasium's action space: one float32 coordinate per actuator, bounded by its {@code ctrlrange}. */
  private static Box ctrlRangeBox(MjModel model) {
    double[] range = model.actuatorCtrlRange();
    double[] low = new double[model.nu()];
    double[] high = new double[model.nu()];
    for (int i = 0; i < low.length; i++) {
      low[i] = range[2 * i];
      high[i] = range[2 * i + 1];
    }
    return new Box(low, high, DType.FLOAT32);
  }

  /** Draws the reset noise, sets it with {@link #setState} and returns the first observation. */
  protected abstract double[] resetModel();

  /** One env step on an action already checked against the action space; see the class comment for the order. */
  protected abstract Step<double[]> stepModel(double[] action);

  /** The observation of the current state. */
  protected abstract double[] observation();

  /** The info of a reset ({@code {}} in v4 envs). */
  protected Map<String, Object> resetInfo() {
    return new LinkedHashMap<>();
  }

  @Override
  protected final Reset<double[]> resetEpisode(Map<String, Object> options) {
    ensureOpen();
    data.reset();
    data.clearWarnings();
    double[] obs = resetModel();
    Map<String, Object> info = resetInfo();
    noteWarnings(info);
    return new Reset<>(obs, info);
  }

  @Override
  protected final Step<double[]> stepEpisode(double[] action) {
    ensureOpen();
    data.clearWarnings();
    Step<double[]> step = stepModel(action);
    noteWarnings(step.info());
    return step;
  }

  /** Writes the action to {@code ctrl}, steps the physics {@code frameSkip} times, then fills {@code cfrc_ext}. */
  protected final void doSimulation(double[] action) {
    data.ctrl.put(0, action);
    for (int i = 0; i < frameSkip; i++) {
      data.step();
    }
    data.rnePostConstraint();
  }

  /** {@code init + U(−scale, scale)} per entry, drawn in index order (numpy's {@code uniform(size=n)}). */
  protected final double[] uniformNoise(double[] init, double scale) {
    double[] noisy = new double[init.length];
    for (int i = 0; i < init.length; i++) {
      noisy[i] = init[i] + npRandom().uniform(-scale, scale);
    }
    return noisy;
  }

  /** {@code init + scale · N(0, 1)} per entry, drawn in index order (numpy's {@code standard_normal(n)}). */
  protected final double[] normalNoise(double[] init, double scale) {
    double[] noisy = new double[init.length];
    for (int i = 0; i < init.length; i++) {
      noisy[i] = init[i] + scale * npRandom().standardNormal();
    }
    return noisy;
  }

  /**
   * Sets the generalized positions and velocities and recomputes the derived quantities ({@code mj_forward}), like
   * Gymnasium's {@code set_state}. Parity tests use it to start both implementations from the same state.
   */
  public void setState(double[] qpos, double[] qvel) {
    ensureOpen();
    data.setQpos(qpos);
    data.setQvel(qvel);
    data.forward();
  }

  /** The current generalized positions (a copy). */
  public double[] qpos() {
    ensureOpen();
    return data.qpos();
  }

  /** The current generalized velocities (a copy). */
  public double[] qvel() {
    ensureOpen();
    return data.qvel();
  }

  /** Seconds of simulated time per env step: {@code opt.timestep × frameSkip}. */
  public double dt() {
    return dt;
  }

  /** Physics steps per env step. */
  public int frameSkip() {
    return frameSkip;
  }

  /** The compiled model (shared with the other open envs of the same model file; do not close it). */
  public MjModel model() {
    return model;
  }

  /** This env's data block (owned by the env, freed by {@link #close()}). */
  public MjData data() {
    return data;
  }

  @Override
  public Box actionSpace() {
    return actionSpace;
  }

  @Override
  public Box observationSpace() {
    return observationSpace;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      data.close();
      SharedModels.release(modelResource);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(spec().id() + " is closed");
    }
  }

  private void noteWarnings(Map<String, Object> info) {
    Map<String, Integer> raised = data.warnings();
    if (!raised.isEmpty()) {
      info.put(WARNINGS_KEY, raised);
    }
  }
}
