package org.samdp.envs.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.envs.minatar.Play.on;
import static org.samdp.envs.minatar.Play.step;

import org.junit.jupiter.api.Test;

/** Sticky actions (facts sheet D.1), shared by every game through {@link MinAtarEnv}. */
class StickyActionsTest {

  @Test
  void withProbabilityOneTheFirstExecutedActionRepeatsForever() {
    Breakout game = new Breakout(new MinAtarConfig(true, 1, true));
    game.reset(0);
    for (int i = 0; i < 3; i++) {
      game.setBall(5, 5, 1, -1);
      assertTrue(on(step(game, Action.LEFT).observation(), Breakout.PADDLE, 4, 9), "still the initial no-op");
    }
    assertEquals(Action.NOOP, game.lastAction());
  }

  @Test
  void withProbabilityZeroEveryChosenActionIsExecuted() {
    Breakout game = new Breakout(Play.EXACT);
    game.reset(0);
    step(game, Action.LEFT);
    assertEquals(Action.LEFT, game.lastAction());
    step(game, Action.RIGHT);
    assertEquals(Action.RIGHT, game.lastAction());
  }

  @Test
  void aStepRepeatsThePreviouslyExecutedActionWithTheConfiguredProbability() {
    Breakout game = new Breakout(MinAtarConfig.defaults());
    game.reset(0);
    int steps = 20_000;
    int differing = 0;
    for (int t = 0; t < steps; t++) {
      Action chosen = t % 2 == 0 ? Action.LEFT : Action.RIGHT;
      if (step(game, chosen).terminated()) {
        game.reset();
      }
      differing += game.lastAction() != chosen ? 1 : 0;
    }
    // Alternating choices: a step executes the other action only if it is sticky (p) and the step before was not
    // (else it repeats a repeat, which equals this choice). The stationary rate d = p(1 − d) gives d = p / (1 + p).
    double p = MinAtarConfig.DEFAULT_STICKY_ACTION_PROBABILITY;
    assertEquals(p / (1 + p), differing / (double) steps, 0.01);
  }

  @Test
  void aSeededResetForgetsTheLastActionAndAnUnseededOneKeepsIt() {
    Breakout game = new Breakout(Play.EXACT);
    game.reset(0);
    step(game, Action.LEFT);
    game.reset();
    assertEquals(Action.LEFT, game.lastAction(), "MinAtar keeps it across resets");
    game.reset(0);
    assertEquals(Action.NOOP, game.lastAction(), "a seeded reset starts the episode afresh");
  }
}
