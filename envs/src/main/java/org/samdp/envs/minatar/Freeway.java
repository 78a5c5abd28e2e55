package org.samdp.envs.minatar;

import java.util.List;

/**
 * MinAtar Freeway (facts sheet D.3): lead the chicken (column 4) from the bottom row across eight lanes of traffic to
 * the top; +1 per crossing, after which the chicken starts again at the bottom and the cars get new speeds and
 * directions. A car that hits the chicken sends it back to the bottom. The chicken can move only every third step.
 * Each car moves once every s + 1 steps for its speed s ∈ {1..5} and wraps around the edges; its trail cell, behind it,
 * is drawn in the channel of its speed. The episode ends after 2,500 steps (terminated, as in MinAtar).
 * Channels: 0 chicken, 1 car, 2–6 trails of speed 1–5. Minimal actions: no-op, up, down. No difficulty ramping.
 */
public final class Freeway extends MinAtarEnv {
  static final int CHICKEN = 0;
  static final int CAR = 1;
  static final int SPEED_1_TRAIL = 2;
  static final int CHICKEN_X = 4;
  static final int EPISODE_STEPS = 2500;
  /** Steps between two moves of the chicken. */
  static final int MOVE_COOLDOWN = 3;
  private static final int LANES = 8;
  private static final int BOTTOM_ROW = SIZE - 1;

  private final Mover[] cars = new Mover[LANES];
  private final int[] speeds = new int[LANES];
  private int chickenY;
  private int moveCooldown;
  private int stepsLeft;

  /** The game with the given settings ({@link MinAtarConfig#defaults()} for MinAtar's). */
  public Freeway(MinAtarConfig config) {
    super(7, List.of(Action.NOOP, Action.UP, Action.DOWN), config);
  }

  @Override
  void startEpisode() {
    for (int lane = 0; lane < LANES; lane++) {
      cars[lane] = new Mover(0, lane + 1, true, 0);
    }
    redrawCarSpeeds();
    chickenY = BOTTOM_ROW;
    moveCooldown = MOVE_COOLDOWN;
    stepsLeft = EPISODE_STEPS;
  }

  /** New speeds and directions for every car; positions stay. */
  private void redrawCarSpeeds() {
    for (int lane = 0; lane < LANES; lane++) {
      speeds[lane] = randomInt(1, 6);
    }
    for (int lane = 0; lane < LANES; lane++) {
      setCar(lane, cars[lane].x, speeds[lane], coinFlip());
    }
  }

  @Override
  int act(Action action) {
    if (moveCooldown == 0 && (action == Action.UP || action == Action.DOWN)) {
      moveCooldown = MOVE_COOLDOWN;
      chickenY = action == Action.UP ? Math.max(0, chickenY - 1) : Math.min(BOTTOM_ROW, chickenY + 1);
    }
    int reward = 0;
    if (chickenY == 0) {
      reward = 1;
      redrawCarSpeeds();
      chickenY = BOTTOM_ROW;
    }
    for (int lane = 0; lane < LANES; lane++) {
      Mover car = cars[lane];
      if (car.at(CHICKEN_X, chickenY)) {
        chickenY = BOTTOM_ROW;
      }
      if (car.countdown.elapse(speeds[lane])) {
        car.advanceWrapping();
        if (car.at(CHICKEN_X, chickenY)) {
          chickenY = BOTTOM_ROW;
        }
      }
    }
    if (moveCooldown > 0) {
      moveCooldown--;
    }
    stepsLeft--;
    if (stepsLeft < 0) {
      terminate();
    }
    return reward;
  }

  @Override
  void draw(Frame frame) {
    frame.set(CHICKEN, CHICKEN_X, chickenY);
    for (int lane = 0; lane < LANES; lane++) {
      Mover car = cars[lane];
      frame.set(CAR, car.x, car.y);
      frame.set(SPEED_1_TRAIL + speeds[lane] - 1, Math.floorMod(car.behindX(), SIZE), car.y);
    }
  }

  /** Puts the car of lane 0–7 (row lane + 1) at column x with a speed in 1–5, its countdown restarted. */
  void setCar(int lane, int x, int speed, boolean headingRight) {
    Mover car = cars[lane];
    car.x = x;
    car.headingRight = headingRight;
    car.countdown.restart(speed);
    speeds[lane] = speed;
  }

  void setChicken(int y, int moveCooldown) {
    this.chickenY = y;
    this.moveCooldown = moveCooldown;
  }

  int chickenY() {
    return chickenY;
  }
}
