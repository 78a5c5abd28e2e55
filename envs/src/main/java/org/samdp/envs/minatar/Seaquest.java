package org.samdp.envs.minatar;

import java.util.ArrayList;
import java.util.List;

/**
 * MinAtar Seaquest (facts sheet D.5): steer a submarine, shoot enemy fish and subs (+1 each), rescue divers and
 * surface before the oxygen runs out. Surfacing needs at least one rescued diver (else the episode ends) and costs
 * one; surfacing with all six gives a bonus of one point per tenth of oxygen left. The episode ends when the sub
 * touches an enemy or an enemy bullet, when the oxygen is used up, or when it surfaces with no diver. With ramping,
 * every surfacing makes enemies spawn more often and, every second time, move faster.
 *
 * <p>Channels: 0 sub front, 1 sub back, 2 friendly bullet, 3 trail, 4 enemy bullet, 5 enemy fish, 6 enemy sub, 7
 * oxygen gauge, 8 diver gauge, 9 diver. Minimal actions: all six.
 *
 * <p>One deliberate difference from MinAtar: there, surfacing with six divers empties the sub and then still takes
 * away one diver, leaving a count of −1, after which the sub can surface with no diver without ending the episode.
 * Here surfacing with six leaves none, as MinAtar's own description of the game says.
 */
public final class Seaquest extends MinAtarEnv {
  static final int SUB_FRONT = 0;
  static final int SUB_BACK = 1;
  static final int FRIENDLY_BULLET = 2;
  static final int TRAIL = 3;
  static final int ENEMY_BULLET = 4;
  static final int FISH = 5;
  static final int ENEMY_SUB = 6;
  static final int OXYGEN_GAUGE = 7;
  static final int DIVER_GAUGE = 8;
  static final int DIVER = 9;
  static final int MAX_OXYGEN = 200;
  static final int MAX_DIVERS = 6;
  private static final int INITIAL_SPAWN_INTERVAL = 20;
  private static final int INITIAL_MOVE_INTERVAL = 5;
  private static final int MIN_MOVE_INTERVAL = 2;
  private static final int DIVER_SPAWN_INTERVAL = 30;
  private static final int DIVER_MOVE_INTERVAL = 5;
  private static final int SHOT_COOLDOWN = 5;
  private static final int ENEMY_SHOT_INTERVAL = 10;
  private static final int DEEPEST_ROW = 8;
  private static final int GAUGE_ROW = 9;

  /** An enemy submarine: a fish that also fires. */
  private static final class EnemySub extends Mover {
    final Countdown shot = new Countdown(ENEMY_SHOT_INTERVAL);

    EnemySub(int x, int y, boolean headingRight, int moveCountdown) {
      super(x, y, headingRight, moveCountdown);
    }
  }

  // Every list is in spawn order and updated newest first, as in MinAtar.
  private final List<Mover> friendlyBullets = new ArrayList<>();
  private final List<Mover> enemyBullets = new ArrayList<>();
  private final List<Mover> fish = new ArrayList<>();
  private final List<EnemySub> enemySubs = new ArrayList<>();
  private final List<Mover> divers = new ArrayList<>();
  private Difficulty difficulty;
  private int subX;
  private int subY;
  private boolean facingRight;
  private int oxygen;
  private int diversCarried;
  private boolean surfaced;
  private int enemySpawnTimer;
  private int diverSpawnTimer;
  private int shotCooldown;

  /** The game with the given settings ({@link MinAtarConfig#defaults()} for MinAtar's). */
  public Seaquest(MinAtarConfig config) {
    super(10, List.of(Action.values()), config);
  }

  @Override
  void startEpisode() {
    subX = 5;
    subY = 0;
    facingRight = false;
    friendlyBullets.clear();
    enemyBullets.clear();
    fish.clear();
    enemySubs.clear();
    divers.clear();
    difficulty = new Difficulty(INITIAL_SPAWN_INTERVAL, INITIAL_MOVE_INTERVAL, MIN_MOVE_INTERVAL);
    enemySpawnTimer = difficulty.spawnInterval();
    diverSpawnTimer = DIVER_SPAWN_INTERVAL;
    oxygen = MAX_OXYGEN;
    diversCarried = 0;
    surfaced = true;
    shotCooldown = 0;
  }

  @Override
  int act(Action action) {
    if (enemySpawnTimer == 0) {
      enemySpawnTimer = difficulty.spawnInterval();
      spawnEnemy();
    }
    if (diverSpawnTimer == 0) {
      diverSpawnTimer = DIVER_SPAWN_INTERVAL;
      spawnDiver();
    }
    if (action == Action.FIRE) {
      if (shotCooldown == 0) {
        friendlyBullets.add(new Mover(subX, subY, facingRight, 0));
        shotCooldown = SHOT_COOLDOWN;
      }
    } else {
      steer(action);
    }
    int reward = moveFriendlyBullets();
    moveDivers();
    for (int i = enemySubs.size() - 1; i >= 0; i--) {
      EnemySub sub = enemySubs.get(i);
      reward += moveEnemy(enemySubs, i);
      // A sub fires on its own schedule, even on the step it is destroyed or leaves the screen (as in MinAtar).
      if (sub.shot.elapse(ENEMY_SHOT_INTERVAL)) {
        enemyBullets.add(new Mover(sub.x, sub.y, sub.headingRight, 0));
      }
    }
    moveEnemyBullets();
    for (int i = fish.size() - 1; i >= 0; i--) {
      reward += moveEnemy(fish, i);
    }
    enemySpawnTimer = Math.max(0, enemySpawnTimer - 1);
    diverSpawnTimer = Math.max(0, diverSpawnTimer - 1);
    shotCooldown = Math.max(0, shotCooldown - 1);
    return reward + breathe();
  }

  private void steer(Action action) {
    switch (action) {
      case LEFT -> {
        subX = Math.max(0, subX - 1);
        facingRight = false;
      }
      case RIGHT -> {
        subX = Math.min(SIZE - 1, subX + 1);
        facingRight = true;
      }
      case UP -> subY = Math.max(0, subY - 1);
      case DOWN -> subY = Math.min(DEEPEST_ROW, subY + 1);
      default -> { }
    }
  }

  /** Each bullet moves; one that reaches a fish or else an enemy sub destroys it (+1) and is used up. */
  private int moveFriendlyBullets() {
    int reward = 0;
    for (int i = friendlyBullets.size() - 1; i >= 0; i--) {
      Mover bullet = friendlyBullets.get(i);
      bullet.advance();
      if (!bullet.onGrid()) {
        friendlyBullets.remove(i);
      } else if (removeFirstOn(fish, bullet) || removeFirstOn(enemySubs, bullet)) {
        friendlyBullets.remove(i);
        reward++;
      }
    }
    return reward;
  }

  /** Divers on the sub's cell are picked up while there is room; the others swim on their countdown. */
  private void moveDivers() {
    for (int i = divers.size() - 1; i >= 0; i--) {
      Mover diver = divers.get(i);
      if (diver.at(subX, subY) && diversCarried < MAX_DIVERS) {
        divers.remove(i);
        diversCarried++;
      } else if (diver.countdown.elapse(DIVER_MOVE_INTERVAL)) {
        diver.advance();
        if (!diver.onGrid()) {
          divers.remove(i);
        } else if (diver.at(subX, subY) && diversCarried < MAX_DIVERS) {
          divers.remove(i);
          diversCarried++;
        }
      }
    }
  }

  /**
   * Enemy {@code i} (a fish or a sub): touching the player's sub ends the episode; on its countdown it moves, leaving
   * the screen, reaching the player's sub (the end), or running into a friendly bullet (both gone, +1).
   */
  private int moveEnemy(List<? extends Mover> enemies, int i) {
    Mover enemy = enemies.get(i);
    if (enemy.at(subX, subY)) {
      terminate();
    }
    if (!enemy.countdown.elapse(difficulty.moveInterval())) {
      return 0;
    }
    enemy.advance();
    if (!enemy.onGrid()) {
      enemies.remove(i);
    } else if (enemy.at(subX, subY)) {
      terminate();
    } else if (removeFirstOn(friendlyBullets, enemy)) {
      enemies.remove(i);
      return 1;
    }
    return 0;
  }

  /** Enemy bullets move one cell; one on the player's sub before or after the move ends the episode. */
  private void moveEnemyBullets() {
    for (int i = enemyBullets.size() - 1; i >= 0; i--) {
      Mover bullet = enemyBullets.get(i);
      if (bullet.at(subX, subY)) {
        terminate();
      }
      bullet.advance();
      if (!bullet.onGrid()) {
        enemyBullets.remove(i);
      } else if (bullet.at(subX, subY)) {
        terminate();
      }
    }
  }

  /** Uses oxygen under water; surfacing refills it. Returns the bonus for surfacing with six divers. */
  private int breathe() {
    if (oxygen <= 0) {
      terminate();
    }
    if (subY > 0) {
      oxygen--;
      surfaced = false;
      return 0;
    }
    if (surfaced) {
      return 0;
    }
    if (diversCarried == 0) {
      terminate();
      return 0;
    }
    surfaced = true;
    int bonus = 0;
    if (diversCarried == MAX_DIVERS) {
      bonus = oxygen * 10 / MAX_OXYGEN;
      diversCarried = 0;
    } else {
      diversCarried--;
    }
    oxygen = MAX_OXYGEN;
    if (ramping() && difficulty.canRamp()) {
      difficulty.rampUp();
    }
    return bonus;
  }

  /** A fish (⅔) or sub (⅓) from a random side in a random row 1–8, unless that row has an enemy heading the other way. */
  private void spawnEnemy() {
    boolean headingRight = coinFlip();
    boolean isSub = chance(1.0 / 3);
    int row = randomInt(1, DEEPEST_ROW + 1);
    if (headsOtherWay(fish, row, headingRight) || headsOtherWay(enemySubs, row, headingRight)) {
      return;
    }
    int x = headingRight ? 0 : SIZE - 1;
    if (isSub) {
      enemySubs.add(new EnemySub(x, row, headingRight, difficulty.moveInterval()));
    } else {
      fish.add(new Mover(x, row, headingRight, difficulty.moveInterval()));
    }
  }

  private void spawnDiver() {
    boolean headingRight = coinFlip();
    int row = randomInt(1, DEEPEST_ROW + 1);
    divers.add(new Mover(headingRight ? 0 : SIZE - 1, row, headingRight, DIVER_MOVE_INTERVAL));
  }

  private static boolean headsOtherWay(List<? extends Mover> movers, int row, boolean headingRight) {
    return movers.stream().anyMatch(m -> m.y == row && m.headingRight != headingRight);
  }

  /** Removes the oldest mover on the same cell as {@code other}; true if there was one. */
  private static boolean removeFirstOn(List<? extends Mover> movers, Mover other) {
    for (int i = 0; i < movers.size(); i++) {
      if (movers.get(i).sameCell(other)) {
        movers.remove(i);
        return true;
      }
    }
    return false;
  }

  @Override
  void draw(Frame frame) {
    frame.set(SUB_FRONT, subX, subY);
    frame.setIfOnGrid(SUB_BACK, facingRight ? subX - 1 : subX + 1, subY);
    for (int x = 0; x < Math.max(0, oxygen) * 10 / MAX_OXYGEN; x++) {
      frame.set(OXYGEN_GAUGE, x, GAUGE_ROW);
    }
    for (int x = SIZE - 1 - diversCarried; x < SIZE - 1; x++) {
      frame.set(DIVER_GAUGE, x, GAUGE_ROW);
    }
    friendlyBullets.forEach(b -> frame.set(FRIENDLY_BULLET, b.x, b.y));
    enemyBullets.forEach(b -> frame.set(ENEMY_BULLET, b.x, b.y));
    drawWithTrails(frame, FISH, fish);
    drawWithTrails(frame, ENEMY_SUB, enemySubs);
    drawWithTrails(frame, DIVER, divers);
  }

  private static void drawWithTrails(Frame frame, int channel, List<? extends Mover> movers) {
    for (Mover mover : movers) {
      frame.set(channel, mover.x, mover.y);
      frame.setIfOnGrid(TRAIL, mover.behindX(), mover.y);
    }
  }

  void setSub(int x, int y, boolean facingRight) {
    subX = x;
    subY = y;
    this.facingRight = facingRight;
  }

  void setOxygen(int oxygen) {
    this.oxygen = oxygen;
  }

  void setDiversCarried(int divers) {
    diversCarried = divers;
  }

  /** Adds a fish at (x, y) whose move countdown starts at {@code moveCountdown} (0: it moves on the next step). */
  void addFish(int x, int y, boolean headingRight, int moveCountdown) {
    fish.add(new Mover(x, y, headingRight, moveCountdown));
  }

  void addDiver(int x, int y, boolean headingRight, int moveCountdown) {
    divers.add(new Mover(x, y, headingRight, moveCountdown));
  }

  void addEnemyBullet(int x, int y, boolean headingRight) {
    enemyBullets.add(new Mover(x, y, headingRight, 0));
  }

  int oxygen() {
    return oxygen;
  }

  int diversCarried() {
    return diversCarried;
  }

  Difficulty difficulty() {
    return difficulty;
  }
}
