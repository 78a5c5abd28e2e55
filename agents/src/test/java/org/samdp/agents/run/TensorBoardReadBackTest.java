package org.samdp.agents.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.ppo.PpoConfig;
import org.samdp.agents.ppo.PpoTrainer;

/**
 * A tiny PPO run, crashed after its third iteration and resumed from the checkpoint of the second, read back by the
 * {@code tensorboard} package of the project's {@code .venv}: every metric of {@code metrics.csv} under its own name,
 * at the same global steps, each step once (TensorBoard's own purging of orphaned steps switched off).
 */
@Tag("native")
class TensorBoardReadBackTest {
  private static final String READ_SCALARS = String.join("\n",
      "import json, sys",
      "from tensorboard.backend.event_processing import event_accumulator as ea",
      "acc = ea.EventAccumulator(sys.argv[1], size_guidance={ea.SCALARS: 0}, purge_orphaned_data=False)",
      "acc.Reload()",
      "print(json.dumps({t: [[e.step, e.value] for e in acc.Scalars(t)] for t in acc.Tags()['scalars']}))");

  @TempDir
  Path dir;

  @Test
  void tensorBoardReadsEveryMetricAtItsStepsOnceAfterAResume() throws Exception {
    Path python = Path.of(System.getProperty("samdp.root", System.getProperty("user.dir")), ".venv", "bin", "python");
    assumeTrue(Files.isExecutable(python), "no Python in .venv (" + python + "): ./samdp test sets it up");
    Path run = dir.resolve("run");
    try (TrainingSession trainer = Algorithms.PPO.start(tiny(), run, List.of(), List.of(
        RunFixtures.crashAfter(3)))) {
      assertThrows(IllegalStateException.class, trainer::train);
    }
    try (TrainingSession trainer = Algorithms.PPO.resume(run, List.of("test"), List.of())) {
      trainer.train();
    }
    assertEquals(2, TensorBoardLog.files(run).size(), "the resumed process writes a file of its own");

    Path stderr = dir.resolve("stderr.txt");
    Process process = new ProcessBuilder(python.toString(), "-c", READ_SCALARS, run.toString())
        .redirectError(stderr.toFile()).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    String errors = Files.readString(stderr);
    assertEquals(0, exit, "reading the events with tensorboard failed (run ./samdp test to install it"
        + " into .venv): " + errors);
    JsonNode scalars = new ObjectMapper().readTree(output);

    List<String[]> rows = MetricsCsv.read(run.resolve(RunDirectory.METRICS));
    assertEquals(4, rows.size());
    int stepColumn = PpoTrainer.METRICS.indexOf("global_step");
    for (int c = 0; c < PpoTrainer.METRICS.size(); c++) {
      String tag = PpoTrainer.METRICS.get(c);
      List<String> expected = new ArrayList<>();
      for (String[] row : rows) {
        if (!row[c].isEmpty()) {
          expected.add(row[stepColumn] + "=" + (float) Double.parseDouble(row[c]));
        }
      }
      List<String> actual = new ArrayList<>();
      scalars.path(tag).forEach(e -> actual.add(e.get(0).asLong() + "=" + (float) e.get(1).asDouble()));
      assertEquals(expected, actual, tag);
    }
  }

  /** Four iterations of 128 steps of PPO on CartPole, a checkpoint every second. */
  private static PpoConfig tiny() {
    return Algorithms.PPO.config("CartPole-v1", null, List.of("totalSteps=512", "numEnvs=1",
        "ppo.stepsPerIteration=128", "ppo.epochs=1", "run.checkpointEvery=2", "run.evalEpisodes=0"));
  }
}
