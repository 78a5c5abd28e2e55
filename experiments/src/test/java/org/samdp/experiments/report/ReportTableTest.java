package org.samdp.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.ReturnSummary;

/** The comparison table's row labels. */
class ReportTableTest {

  @Test
  void runsOfTheSameMethodAreToldApartByTheirDirectory() {
    String table = ReportTable.markdown(List.of(run("dqn", "dqn", null), run("sadqn-a", "sa-dqn", "convex"),
        run("sadqn-b", "sa-dqn", "convex")));
    List<String> methods = table.lines().skip(2).map(line -> line.split(" \\| ")[2]).toList();
    assertEquals(List.of("DQN (vanilla)", "SA-DQN (Convex) · sadqn-a", "SA-DQN (Convex) · sadqn-b"), methods);
  }

  private static RunResults run(String directory, String algorithm, String solver) {
    ReturnSummary natural = new ReturnSummary(10, 1, 9, 11, 100, List.of(9.0, 11.0), List.of(100, 100));
    AttackResults attacks = new AttackResults("MinAtar/Breakout-v1", algorithm, "latest", 2, 0,
        List.of(AttackResults.AtEps.of(0.01, natural, Map.of("pgd", natural), null)));
    return new RunResults(Path.of("runs", directory), "MinAtar/Breakout-v1", algorithm, solver, List.of(), attacks,
        null);
  }
}
