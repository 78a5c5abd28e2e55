package org.samdp.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.ReturnSummary;

/** The comparison table's row labels, bold and training columns, and how runs are grouped by setting. */
class ReportTableTest {

  @Test
  void runsOfTheSameMethodAreToldApartByTheirDirectory() {
    String table = ReportTable.markdown(List.of(run("dqn", "dqn", null), run("sadqn-a", "sa-dqn", "convex"),
        run("sadqn-b", "sa-dqn", "convex")));
    List<String> methods = table.lines().skip(2).map(line -> cells(line).get(2)).toList();
    assertEquals(List.of("DQN (vanilla)", "SA-DQN (Convex) · sadqn-a", "SA-DQN (Convex) · sadqn-b"), methods);
  }

  /** Bold marks the strongest attack only where no other column shows the same mean. */
  @Test
  void onlyAUniqueStrongestAttackIsBold() {
    Map<String, Double> tie = new LinkedHashMap<>(Map.of("random", 4.0, "pgd", 4.04, "pgd50", 7.0));
    Map<String, Double> unique = new LinkedHashMap<>(Map.of("random", 4.0, "pgd", 3.0, "pgd50", 7.0));
    String table = ReportTable.markdown(List.of(run("tie", "dqn", null, tie), run("unique", "dqn", null, unique)));
    List<List<String>> rows = table.lines().skip(2).map(ReportTableTest::cells).toList();
    assertEquals(List.of("Random", "PGD (10 steps)", "PGD (50 steps)"), cells(table.lines().findFirst().orElseThrow())
        .subList(5, 8));
    assertEquals(List.of("4.0 ± 1.0", "4.0 ± 1.0", "7.0 ± 1.0"), rows.get(0).subList(5, 8),
        "4.0 and 4.04 tie as shown");
    assertEquals(List.of("4.0 ± 1.0", "**3.0 ± 1.0**", "7.0 ± 1.0"), rows.get(1).subList(5, 8));
  }

  @Test
  void theTrainingRadiusAndWeightHaveAColumn() {
    RunResults sa = withTraining(run("sa", "sa-dqn", "convex"), new RunResults.Training(0.003922, 0.005, 1, "sa"));
    String table = ReportTable.markdown(List.of(run("vanilla", "dqn", null), sa));
    assertEquals("Training ε / κ", cells(table.lines().findFirst().orElseThrow()).get(3));
    assertEquals(List.of("–", "0.003922 / 0.005"), table.lines().skip(2).map(line -> cells(line).get(3)).toList());
  }

  /** SA runs show their regulariser's ε and κ, ATLA runs their adversary's ε, vanilla runs neither. */
  @Test
  void theTrainingColumnReadsTheResolvedConfiguration() throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    RunResults.Training sa = RunResults.Training.of(yaml.readTree("env: X\nseed: 3\nrobust: {kappa: 0.1, eps: 0.05}"));
    assertEquals("0.05 / 0.1", sa.cell());
    assertEquals(3, sa.seed());
    assertEquals(sa.setting(), RunResults.Training.of(yaml.readTree("env: X\nseed: 4\nrobust: {kappa: 0.1, eps: 0.05}"))
        .setting(), "the seed is not part of the setting");
    assertEquals("0.2 / –", RunResults.Training.of(yaml.readTree("env: X\nadversary: {eps: 0.2}")).cell());
    assertEquals("–", RunResults.Training.of(yaml.readTree("env: X\nppo: {clip: 0.2}")).cell());
  }

  /** Runs of one setting form one group; settings of one method are named by their ε / κ, else their directory. */
  @Test
  void runsAreGroupedBySettingAndEachGroupIsNamed() {
    RunResults a1 = withTraining(run("a1", "sa-dqn", "convex"), new RunResults.Training(0.1, 0.5, 1, "a"));
    RunResults a2 = withTraining(run("a2", "sa-dqn", "convex"), new RunResults.Training(0.1, 0.5, 2, "a"));
    RunResults b = withTraining(run("b", "sa-dqn", "convex"), new RunResults.Training(0.2, 0.5, 1, "b"));
    RunResults c = withTraining(run("c", "sa-dqn", "convex"), new RunResults.Training(0.2, 0.5, 1, "c"));
    RunResults plain = run("plain", "dqn", null);
    List<SettingGroups.Group> groups = SettingGroups.of(List.of(a1, b, plain, a2, c));
    assertEquals(List.of("SA-DQN (Convex) · ε / κ 0.1 / 0.5", "SA-DQN (Convex) · b", "DQN (vanilla)",
        "SA-DQN (Convex) · c"), groups.stream().map(SettingGroups.Group::label).toList());
    assertEquals(List.of(a1, a2), groups.get(0).runs());
    assertEquals(true, SettingGroups.anySeeds(groups));
  }

  private static List<String> cells(String line) {
    return List.of(line.substring(2, line.length() - 2).split(" \\| "));
  }

  private static RunResults run(String directory, String algorithm, String solver) {
    return run(directory, algorithm, solver, Map.of("pgd", 10.0));
  }

  static RunResults run(String directory, String algorithm, String solver, Map<String, Double> attackMeans) {
    Map<String, ReturnSummary> attacks = new LinkedHashMap<>();
    attackMeans.forEach((name, mean) -> attacks.put(name, summary(mean)));
    AttackResults results = new AttackResults("MinAtar/Breakout-v1", algorithm, "latest", 2, 0,
        List.of(AttackResults.AtEps.of(0.01, summary(10), attacks, null)));
    return new RunResults(Path.of("runs", directory), "MinAtar/Breakout-v1", algorithm, solver,
        new RunResults.Training(null, null, 1, directory), List.of(), results, null);
  }

  private static RunResults withTraining(RunResults run, RunResults.Training training) {
    return new RunResults(run.directory(), run.env(), run.algorithm(), run.solver(), training, run.curve(),
        run.attacks(), run.certificates());
  }

  static ReturnSummary summary(double mean) {
    return new ReturnSummary(mean, 1, mean - 1, mean + 1, 100, List.of(mean - 1, mean + 1), List.of(100, 100));
  }
}
