package org.samdp.envs.minatar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MinAtar Asterix (facts sheet D.4): move the player in four directions within rows 1–8, pick up gold (+1) and avoid
 * enemies (touching one ends the episode). Enemies and gold enter from either side, one per row at most, and cross
 * the screen; a trail cell behind each shows its direction. With ramping, every 102 steps they spawn more often and,
 * every second time, move faster. Channels: 0 player, 1 enemy, 2 trail, 3 gold. Minimal actions: no-op, left, up,
 * right, down.
 */
public final class Asterix extends MinAtarEnv {
  static final int PLAYER = 0;
  static final int ENEMY = 1;
  static final int TRAIL = 2;
  static final int GOLD = 3;
  private static final int INITIAL_SPAWN_INTERVAL = 10;
  private static final int INITIAL_MOVE_INTERVAL = 5;
  private static final int MIN_MOVE_INTERVAL = 1;
  /** Steps the ramp timer counts down from; a ramp happens when it has gone below 0. */
  private static final int RAMP_INTERVAL = 100;
  private static final int TOP_ROW = 1;
  private static final int BOTTOM_ROW = 8;

  /** An enemy or a piece of gold. */
  private static final class Entity extends Mover {
    final boolean gold;

    Entity(int x, int y, boolean headingRight, boolean gold) {
      super(x, y, headingRight, 0);
      this.gold = gold;
    }
  }

  // One slot per row 1–8 (slot i is row i + 1); null when the row is free.
  private final Entity[] slots = new Entity[BOTTOM_ROW];
  private Difficulty difficulty;
  private int playerX;
  private int playerY;
  private int spawnTimer;
  private int moveTimer;
  private int rampTimer;

  /** The game with the given settings ({@link MinAtarConfig#defaults()} for MinAtar's). */
  public Asterix(MinAtarConfig config) {
    super(4, List.of(Action.NOOP, Action.LEFT, Action.UP, Action.RIGHT, Action.DOWN), config);
  }

  @Override
  void startEpisode() {
    playerX = 5;
    playerY = 5;
    clearEntities();
    difficulty = new Difficulty(INITIAL_SPAWN_INTERVAL, INITIAL_MOVE_INTERVAL, MIN_MOVE_INTERVAL);
    spawnTimer = difficulty.spawnInterval();
    moveTimer = difficulty.moveInterval();
    rampTimer = RAMP_INTERVAL;
  }

  @Override
  int act(Action action) {
    if (spawnTimer == 0) {
      spawn();
      spawnTimer = difficulty.spawnInterval();
    }
    switch (action) {
      case LEFT -> playerX = Math.max(0, playerX - 1);
      case RIGHT -> playerX = Math.min(SIZE - 1, playerX + 1);
      case UP -> playerY = Math.max(TOP_ROW, playerY - 1);
      case DOWN -> playerY = Math.min(BOTTOM_ROW, playerY + 1);
      default -> { }
    }
    int reward = meetPlayer();
    if (moveTimer == 0) {
      moveTimer = difficulty.moveInterval();
      for (int slot = 0; slot < slots.length; slot++) {
        if (slots[slot] != null) {
          slots[slot].advance();
          if (!slots[slot].onGrid()) {
            slots[slot] = null;
          }
        }
      }
      reward += meetPlayer();
    }
    spawnTimer--;
    moveTimer--;
    if (ramping() && difficulty.canRamp()) {
      if (rampTimer >= 0) {
        rampTimer--;
      } else {
        difficulty.rampUp();
        rampTimer = RAMP_INTERVAL;
      }
    }
    return reward;
  }

  /** Gold on the player's cell is picked up (+1); an enemy there ends the episode. Returns the gold picked up. */
  private int meetPlayer() {
    int reward = 0;
    for (int slot = 0; slot < slots.length; slot++) {
      Entity entity = slots[slot];
      if (entity != null && entity.at(playerX, playerY)) {
        if (entity.gold) {
          slots[slot] = null;
          reward++;
        } else {
          terminate();
        }
      }
    }
    return reward;
  }

  /** Gold with probability ⅓, entering from the left or right, in a random free row (none if all are taken). */
  private void spawn() {
    boolean headingRight = coinFlip();
    boolean gold = chance(1.0 / 3);
    List<Integer> free = new ArrayList<>();
    for (int slot = 0; slot < slots.length; slot++) {
      if (slots[slot] == null) {
        free.add(slot);
      }
    }
    if (!free.isEmpty()) {
      int slot = free.get(randomInt(0, free.size()));
      slots[slot] = new Entity(headingRight ? 0 : SIZE - 1, slot + TOP_ROW, headingRight, gold);
    }
  }

  @Override
  void draw(Frame frame) {
    frame.set(PLAYER, playerX, playerY);
    for (Entity entity : slots) {
      if (entity != null) {
        frame.set(entity.gold ? GOLD : ENEMY, entity.x, entity.y);
        frame.setIfOnGrid(TRAIL, entity.behindX(), entity.y);
      }
    }
  }

  void setPlayer(int x, int y) {
    playerX = x;
    playerY = y;
  }

  /** Puts an enemy or gold at column x of row y (1–8), replacing what was in that row. */
  void setEntity(int x, int y, boolean headingRight, boolean gold) {
    slots[y - TOP_ROW] = new Entity(x, y, headingRight, gold);
  }

  void clearEntities() {
    Arrays.fill(slots, null);
  }

  Difficulty difficulty() {
    return difficulty;
  }
}
