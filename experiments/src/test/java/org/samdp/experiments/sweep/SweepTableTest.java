package org.samdp.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.samdp.experiments.report.RunResults;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.ReturnSummary;

/** The papers' aggregation: per agent the strongest attack, per method the median agent over its seeds. */
class SweepTableTest {
  @Test
  void theMedianAgentByItsStrongestAttackStandsForTheMethod() {
    // Seed 3's strongest attack is MAD (20), below its random (25): agents by strongest attack are 10, 20, 30.
    List<SweepAgents.Agent> agents = List.of(
        agent("sappo", 1, 300, Map.of("random", 30.0, "mad", 35.0)),
        agent("sappo", 2, 100, Map.of("random", 10.0)),
        agent("sappo", 3, 200, Map.of("random", 25.0, "mad", 20.0)),
        agent("ppo", 1, 500, Map.of("random", 5.0)));
    List<String> rows = SweepTable.markdown(agents).lines().skip(2).toList();
    assertEquals(List.of(
        "| Hopper-v4 | 0.1 | sappo | – | 3 | 200.0 ± 0.0 | 20.0 ± 0.0 (MAD) | 10.0 – 30.0 | 100.0 – 300.0 | sappo_3 |",
        "| Hopper-v4 | 0.1 | ppo | – | 1 | 500.0 ± 0.0 | 5.0 ± 0.0 (Random) | 5.0 – 5.0 | 500.0 – 500.0 | ppo_1 |"),
        rows);
  }

  @Test
  void anEvenCountTakesTheLowerMiddleAgent() {
    List<SweepAgents.Agent> agents = List.of(agent("a", 1, 10, Map.of("random", 4.0)),
        agent("a", 2, 10, Map.of("random", 3.0)));
    assertEquals("a_2", SweepTable.markdown(agents).lines().skip(2).findFirst().orElseThrow().split(" \\| ")[9]
        .replace(" |", ""));
  }

  private static SweepAgents.Agent agent(String method, long seed, double natural, Map<String, Double> attacks) {
    AttackResults results = new AttackResults("Hopper-v4", "ppo", "latest", 1, 0, List.of(AttackResults.AtEps.of(0.1,
        summary(natural), attacks.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
            e -> summary(e.getValue()))), null)));
    return new SweepAgents.Agent(method, seed, new RunResults(Path.of("runs", method + "_" + seed), "Hopper-v4",
        "ppo", null, new RunResults.Training(null, null, seed, method), List.of(), results, null));
  }

  private static ReturnSummary summary(double value) {
    return new ReturnSummary(value, 0, value, value, 1, List.of(value), List.of(1));
  }
}
