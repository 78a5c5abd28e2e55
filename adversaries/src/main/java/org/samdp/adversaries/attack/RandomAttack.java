package org.samdp.adversaries.attack;

import ai.djl.ndarray.NDArray;
import java.util.random.RandomGenerator;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;

/** Uniform noise in the ℓ∞ ball: every coordinate moves by an independent draw from [−ε, ε], then is clipped. */
public final class RandomAttack implements ObservationAdversary {
  private final RandomGenerator random;

  public RandomAttack(RandomGenerator random) {
    this.random = random;
  }

  @Override
  public NDArray perturb(Policy policy, PolicyState state, NDArray states, ThreatModel threat) {
    float[] noise = new float[Math.toIntExact(states.size())];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) ((2 * random.nextDouble() - 1) * threat.eps());
    }
    NDArray delta = states.getManager().create(noise, states.getShape()).toType(states.getDataType(), false);
    return threat.project(states.add(threat.stretch(delta)), states);
  }
}
