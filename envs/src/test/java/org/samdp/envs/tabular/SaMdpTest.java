package org.samdp.envs.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SaMdpTest {
  private static SaMdp.Builder twoStates() {
    return SaMdp.builder(List.of("s0", "s1"), List.of("stay", "go"), 0.5)
        .transition(0, 0, 0, 1.0)
        .transition(0, 1, 1, 1.0)
        .transition(1, 0, 1, 1.0)
        .transition(1, 1, 0, 0.25)
        .transition(1, 1, 1, 0.75);
  }

  @Test
  void holdsWhatWasBuiltAndDefaultsToNoPerturbation() {
    SaMdp mdp = twoStates().reward(0, 1, 1, 2.0).perturbationSet(1, 0, 1).build();
    assertEquals(2, mdp.numStates());
    assertEquals(2, mdp.numActions());
    assertEquals(0.5, mdp.gamma());
    assertEquals(0.25, mdp.probability(1, 1, 0));
    assertEquals(0.0, mdp.probability(0, 0, 1));
    assertEquals(2.0, mdp.reward(0, 1, 1));
    assertEquals(0.0, mdp.reward(1, 1, 0));
    assertEquals(List.of(0), mdp.perturbationSet(0));
    assertEquals(List.of(0, 1), mdp.perturbationSet(1));
    assertEquals(List.of("s0", "s1"), mdp.states());
  }

  @Test
  void laterBuilderCallsDoNotChangeABuiltMdp() {
    SaMdp.Builder builder = twoStates();
    SaMdp mdp = builder.build();
    builder.transition(0, 0, 0, 0.5).reward(1, 0, 1, 3.0);
    assertEquals(1.0, mdp.probability(0, 0, 0));
    assertEquals(0.0, mdp.reward(1, 0, 1));
  }

  @Test
  void rejectsDistributionsThatDoNotSumToOneListingEach() {
    SaMdp.Builder builder = twoStates().transition(0, 1, 1, 0.5).transition(1, 0, 0, 0.5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
    assertTrue(e.getMessage().contains("p(.|s0,go) sums to 0.5, not 1"), e.getMessage());
    assertTrue(e.getMessage().contains("p(.|s1,stay) sums to 1.5, not 1"), e.getMessage());
  }

  @Test
  void rejectsAnUnsetDistribution() {
    SaMdp.Builder builder = SaMdp.builder(List.of("s0"), List.of("a"), 0.9);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
    assertTrue(e.getMessage().contains("p(.|s0,a) sums to 0.0"), e.getMessage());
  }

  @Test
  void rejectsARewardOnATransitionThatCannotHappen() {
    SaMdp.Builder builder = twoStates().reward(0, 0, 1, 1.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
    assertTrue(e.getMessage().contains("R(s0,stay,s1) = 1.0 but p(s1|s0,stay) = 0"), e.getMessage());
  }

  @Test
  void rejectsProbabilitiesOutsideTheUnitIntervalAndNan() {
    SaMdp.Builder builder = twoStates();
    assertThrows(IllegalArgumentException.class, () -> builder.transition(0, 0, 0, 1.5));
    assertThrows(IllegalArgumentException.class, () -> builder.transition(0, 0, 0, -0.1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder.transition(0, 0, 0, Double.NaN));
    assertTrue(e.getMessage().contains("p(s0|s0,stay) must be in [0, 1], got NaN"), e.getMessage());
  }

  @Test
  void rejectsNonFiniteRewards() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> twoStates().reward(0, 1, 1, Double.POSITIVE_INFINITY));
    assertTrue(e.getMessage().contains("R(s0,go,s1) must be finite"), e.getMessage());
  }

  @Test
  void rejectsIndicesOutOfRange() {
    SaMdp.Builder builder = twoStates();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder.transition(2, 0, 0, 1.0));
    assertEquals("state index 2 is outside [0, 2)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder.transition(0, 2, 0, 1.0));
    assertThrows(IllegalArgumentException.class, () -> builder.reward(0, 0, -1, 1.0));
    assertThrows(IllegalArgumentException.class, () -> builder.perturbationSet(0, 0, 5));
  }

  @Test
  void rejectsAPerturbationSetWithoutItsOwnState() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> twoStates().perturbationSet(0, 1));
    assertTrue(e.getMessage().startsWith("B(s0) must contain s0 itself"), e.getMessage());
    assertTrue(e.getMessage().endsWith("got [s1]"), e.getMessage());
  }

  @Test
  void rejectsBadDiscountsAndNames() {
    assertThrows(IllegalArgumentException.class, () -> SaMdp.builder(List.of("s"), List.of("a"), 1.01));
    assertThrows(IllegalArgumentException.class, () -> SaMdp.builder(List.of("s"), List.of("a"), -0.1));
    assertThrows(IllegalArgumentException.class, () -> SaMdp.builder(List.of("s"), List.of("a"), Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> SaMdp.builder(List.of(), List.of("a"), 0.9));
    assertThrows(IllegalArgumentException.class, () -> SaMdp.builder(List.of("s"), List.of(), 0.9));
    assertThrows(IllegalArgumentException.class, () -> SaMdp.builder(List.of("s", " "), List.of("a"), 0.9));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SaMdp.builder(List.of("s", "s"), List.of("a"), 0.9));
    assertTrue(e.getMessage().contains("state name 's' appears twice"), e.getMessage());
  }

  @Test
  void checksThatAPolicyFits() {
    SaMdp mdp = twoStates().build();
    mdp.checkPolicy(TabularPolicy.uniform(2, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> mdp.checkPolicy(TabularPolicy.uniform(3, 2)));
    assertEquals("policy is over 3 states x 2 actions, the SA-MDP has 2 states x 2 actions", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> mdp.checkPolicy(TabularPolicy.uniform(2, 3)));
  }
}
