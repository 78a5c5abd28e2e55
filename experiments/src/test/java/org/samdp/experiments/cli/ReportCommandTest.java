package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.experiments.report.RunResults;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.ReturnSummary;

/** {@code samdp report} of several runs of one setting: a table over the seeds first, and one plot per env. */
class ReportCommandTest {
  @TempDir
  Path dir;

  @Test
  void runsOfOneSettingAreAggregatedOverTheirSeedsAsTheSweepsAre() throws IOException {
    List<RunResults> runs = List.of(run("sa-1", 1, 300, 30), run("sa-2", 2, 100, 10), run("sa-3", 3, 200, 20),
        run("sa-4", 4, 250, 40), vanilla());
    String printed = ReportCommand.write(runs, dir);
    String report = Files.readString(dir.resolve(ReportCommand.REPORT));
    assertTrue(report.indexOf("## Over seeds") < report.indexOf("## Every run"), report);
    List<String> overSeeds = printed.lines().skip(2).takeWhile(line -> !line.isEmpty()).toList();
    // Four seeds by their strongest attack: 10, 20, 30, 40; the lower middle one is seed 3's run.
    assertEquals(List.of("| Hopper-v4 | 0.1 | SA-PPO (SGLD) | 0.075 / 0.1 | 4 | 200.0 ± 1.0 | 20.0 ± 1.0 (Random)"
        + " | 10.0 – 40.0 | 100.0 – 300.0 | sa-3 |", "| Hopper-v4 | 0.1 | PPO (vanilla) | – | 1 | 500.0 ± 1.0 |"
        + " 5.0 ± 1.0 (Random) | 5.0 – 5.0 | 500.0 – 500.0 | ppo |"), overSeeds);
    BufferedImage plot = ImageIO.read(dir.resolve("return_vs_eps_Hopper-v4.png").toFile());
    assertEquals(900, plot.getWidth());

    ReportCommand.write(List.of(run("sa-1", 1, 300, 30), vanilla()), dir.resolve("single"));
    assertFalse(Files.readString(dir.resolve("single").resolve(ReportCommand.REPORT)).contains("## Over seeds"),
        "one run per setting: no table over seeds");
  }

  private static RunResults run(String directory, long seed, double natural, double random) {
    return run(directory, "sa-ppo", "SGLD", new RunResults.Training(0.075, 0.1, seed, "sa"), natural, random);
  }

  private static RunResults vanilla() {
    return run("ppo", "ppo", null, new RunResults.Training(null, null, 1, "ppo"), 500, 5);
  }

  private static RunResults run(String directory, String algorithm, String solver, RunResults.Training training,
      double natural, double random) {
    Map<String, ReturnSummary> attacks = new LinkedHashMap<>(Map.of("random", summary(random)));
    List<AttackResults.AtEps> evaluations = List.of(AttackResults.AtEps.of(0.1, summary(natural), attacks, null));
    return new RunResults(Path.of("runs", directory), "Hopper-v4", algorithm, solver, training, List.of(),
        new AttackResults("Hopper-v4", algorithm, "latest", 2, 0, evaluations), null);
  }

  private static ReturnSummary summary(double mean) {
    return new ReturnSummary(mean, 1, mean - 1, mean + 1, 100, List.of(mean - 1, mean + 1), List.of(100, 100));
  }
}
