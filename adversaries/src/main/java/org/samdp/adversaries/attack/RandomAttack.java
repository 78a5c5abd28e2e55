package org.samdp.adversaries.attack;

import ai.djl.ndarray.NDArray;
import java.util.random.RandomGenerator;
import org.samdp.agents.policy.Policy;

/** Uniform noise in the ℓ∞ ball: every coordinate moves by an independent draw from [−ε, ε], then is clipped. */
public final class RandomAttack implements Attack {
  private final RandomGenerator random;

  public RandomAttack(RandomGenerator random) {
    this.random = random;
  }

  @Override
  public NDArray perturb(Policy policy, NDArray states, ThreatModel threat) {
    float[] noise = new float[Math.toIntExact(states.size())];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) ((2 * random.nextDouble() - 1) * threat.eps());
    }
    NDArray delta = states.getManager().create(noise, states.getShape()).toType(states.getDataType(), false);
    return threat.project(states.add(delta), states);
  }
}
