package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.agents.io.AtomicFiles;
import org.samdp.agents.io.Json;

/**
 * {@code samdp sweep} on Ray, on loopback only (127.0.0.2, and 127.0.0.3 for a second node: Ray replaces 127.0.0.1
 * by the machine's outward address): a local sweep and its report, a sweep on a two-node cluster whose killed
 * training is retried from its checkpoint, and the errors. Needs the project's .venv with Ray (./samdp test installs
 * it). Every process a test starts is stopped by its own handle, never by name.
 */
@Tag("native") // Ray, Python and JVMs per job
class SweepCommandTest {
  private static final String TINY = "{totalSteps: 512, ppo.stepsPerIteration: 256, ppo.epochs: 1,"
      + " run.evalEpisodes: 2}";
  private static final long DEADLINE_NANOS = TimeUnit.MINUTES.toNanos(5);

  @TempDir
  Path dir;

  private Path sweepFile(String name, String out, String jobs) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "out: " + dir.resolve(out) + "\nretries: 2\nepisodes: 2\njobs:\n" + jobs);
    return file;
  }

  @Test
  void aLocalSweepTrainsAttacksAndReportsTheMedianAgentThenSkipsWhatIsDoneAndResumesTheRest() throws IOException {
    Path file = sweepFile("tiny.yaml", "tiny", "  - name: ppo\n    algo: ppo\n    preset: cartpole\n    set: " + TINY
        + "\n    grid: {ppo.epochs: [1, 2]}\n    seeds: 2\n    attacks:\n      - {attack: [random], eps: [0.1]}\n");
    CliRun run = CliRun.of("sweep", file.toString(), "--cpus", "2");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("sweep: 8/8 done, 0 running, 0 failed"), run.err());
    run.err().lines().filter(line -> line.startsWith("sweep:"))
        .forEach(line -> assertTrue(line.length() <= 80, line));
    Path sweep = dir.resolve("tiny");
    // Each attack job wrote its own file; nothing was merged into the run directories.
    assertTrue(Files.isRegularFile(sweep.resolve("jobs/ppo_ppo.epochs=1_seed=2.attack-1/attempt-1/attacks.json")));
    assertFalse(Files.exists(sweep.resolve("runs/ppo_ppo.epochs=1_seed=2/attacks.json")));

    CliRun report = CliRun.of("report", sweep.toString());
    assertEquals(0, report.exitCode(), report.err());
    for (String method : List.of("ppo (ppo.epochs=1)", "ppo (ppo.epochs=2)")) {
      assertTrue(report.out().lines().anyMatch(line -> line.startsWith("| CartPole-v1 | 0.1 | " + method + " | – | 2 | ")
          && line.contains("(Random)")), report.out());
    }
    String markdown = Files.readString(sweep.resolve("report/report.md"));
    assertTrue(markdown.contains("## Every agent"), markdown);
    assertTrue(Files.isRegularFile(sweep.resolve("report/learning_curves.png")));

    CliRun again = CliRun.of("sweep", file.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("all 8 jobs of " + sweep + " are done"), again.out());

    // As if the sweep had been stopped before one training and its attack were done: run again, only they run, and
    // the training continues from its own checkpoint.
    Path training = sweep.resolve("jobs/ppo_ppo.epochs=1_seed=2");
    Path attack = sweep.resolve("jobs/ppo_ppo.epochs=1_seed=2.attack-1");
    Files.delete(training.resolve("done.json"));
    Files.delete(attack.resolve("done.json"));
    CliRun resumed = CliRun.of("sweep", file.toString(), "--cpus", "2");
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.err().contains("sweep: 8/8 done, 0 running, 0 failed"), resumed.err());
    assertTrue(Files.readString(training.resolve("attempt-2/attempt.json")).contains("--resume"),
        Files.readString(training.resolve("attempt-2/attempt.json")));
    assertTrue(Files.isRegularFile(attack.resolve("attempt-2/attacks.json")));
    assertFalse(Files.exists(sweep.resolve("jobs/ppo_ppo.epochs=2_seed=2/attempt-2")), "a finished job ran again");

    Path other = sweepFile("other.yaml", "tiny", "  - name: ppo\n    algo: ppo\n    env: CartPole-v1\n");
    CliRun refused = CliRun.of("sweep", other.toString());
    assertEquals(2, refused.exitCode());
    assertTrue(refused.err().contains(sweep + " holds the sweep of another file"), refused.err());
    assertTrue(Files.readString(sweep.resolve("sweep.yaml")).contains("seeds: 2"), "the directory was not touched");
  }

  @Test
  void aRayThatCannotStartOrAClusterThatIsNotThereIsOneError() throws IOException {
    Path file = sweepFile("one.yaml", "one", "  - name: ppo\n    algo: ppo\n    env: CartPole-v1\n    set: " + TINY
        + "\n");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
      CliRun busy = CliRun.of("sweep", file.toString(), "--port", String.valueOf(taken.getLocalPort()));
      assertEquals(2, busy.exitCode(), busy.err());
      assertTrue(busy.err().contains("samdp: error: Ray cannot start on 127.0.0.2:" + taken.getLocalPort()
          + ": the port is in use"), busy.err());
    }
    int nobody = freePort();
    CliRun absent = CliRun.of("sweep", file.toString(), "--address", "127.0.0.2:" + nobody);
    assertEquals(2, absent.exitCode(), absent.err());
    assertTrue(absent.err().contains("samdp: error: no Ray cluster answers at 127.0.0.2:" + nobody), absent.err());
  }

  /**
   * A cluster of a head on 127.0.0.2 and a node on 127.0.0.3 (one CPU each) runs two identical trainings side by
   * side; one is killed (SIGKILL) after its first checkpoint, retried, and resumes to the same metrics as the other.
   */
  @Test
  void onATwoNodeClusterAKilledTrainingResumesFromItsCheckpoint() throws Exception {
    String job = "    algo: ppo\n    preset: cartpole\n    set: {totalSteps: 2048, ppo.stepsPerIteration: 256,"
        + " ppo.epochs: 1, run.evalEpisodes: 2, run.checkpointEvery: 1}\n";
    Path file = sweepFile("cluster.yaml", "cluster", "  - name: victim\n" + job + "  - name: reference\n" + job);
    Path sweep = dir.resolve("cluster");
    int port = freePort();
    List<Process> started = new ArrayList<>();
    List<Path> temporary = new ArrayList<>();
    try {
      Process head = ray(started, temporary, "--head", "--port", String.valueOf(port), "--node-ip-address",
          "127.0.0.2", "--include-dashboard", "false", "--dashboard-host", "127.0.0.2", "--dashboard-port",
          String.valueOf(freePort()), "--ray-client-server-port", String.valueOf(freePort()));
      awaitListening(head, port);
      Process node = ray(started, temporary, "--address", "127.0.0.2:" + port, "--node-ip-address", "127.0.0.3");
      awaitLog(node, temporary.get(1).resolve("ray.log"), "Ray runtime started");

      CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() ->
          CliRun.of("sweep", file.toString(), "--address", "127.0.0.2:" + port));
      Path victim = sweep.resolve("jobs/victim_seed=1");
      long deadline = System.nanoTime() + DEADLINE_NANOS;
      while (!Files.isDirectory(sweep.resolve("runs/victim_seed=1/checkpoints/iter-000001"))
          || !Files.isRegularFile(victim.resolve("attempt-1/attempt.json"))) {
        assertTrue(System.nanoTime() < deadline && !running.isDone(), "the victim saved no checkpoint");
        Thread.sleep(50);
      }
      long pid = Json.MAPPER.readTree(victim.resolve("attempt-1/attempt.json").toFile()).get("pid").asLong();
      assertTrue(ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false), "the victim was alive");

      CliRun run = running.get(5, TimeUnit.MINUTES);
      assertEquals(0, run.exitCode(), run.err());
      assertNotEquals(0, Json.MAPPER.readTree(victim.resolve("attempt-1/exit.json").toFile()).get("code").asInt());
      assertEquals(2, Json.MAPPER.readTree(victim.resolve("done.json").toFile()).get("attempt").asInt());
      String resumed = Files.readString(victim.resolve("attempt-2/log.txt"));
      assertTrue(resumed.contains("resuming " + sweep.resolve("runs/victim_seed=1")), resumed);
      assertEquals(metricsWithoutSpeed(sweep.resolve("runs/reference_seed=1/metrics.csv")),
          metricsWithoutSpeed(sweep.resolve("runs/victim_seed=1/metrics.csv")));
      assertTrue(nodes(sweep).contains("127.0.0.3"), "the second node took no job: " + nodes(sweep));
    } finally {
      for (int i = started.size() - 1; i >= 0; i--) {
        stop(started.get(i));
      }
      temporary.forEach(AtomicFiles::deleteRecursively);
    }
  }

  /** {@code ray start --block} of the project's .venv: it stops the Ray processes it started when terminated. */
  private static Process ray(List<Process> started, List<Path> temporary, String... options) throws IOException {
    // Ray's socket paths must stay short: its temp dir goes straight under the system's.
    Path temp = Files.createTempDirectory("samdp-ray-test-");
    temporary.add(temp);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("samdp.root"), ".venv", "bin",
        "python").toString(), "-m", "ray.scripts.scripts", "start", "--block", "--num-cpus", "1", "--disable-usage-stats", "--temp-dir", temp.toString(),
        // Not Ray's fixed default ports, which another Ray on this machine may hold.
        "--dashboard-agent-listen-port", String.valueOf(freePort())));
    command.addAll(Arrays.asList(options));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(temp.resolve("ray.log").toFile()).start();
    started.add(process);
    return process;
  }

  private static void awaitListening(Process head, int port) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    while (true) {
      assertTrue(head.isAlive() && System.nanoTime() < deadline, "the Ray head did not start");
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.2", port), 1000);
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
  }

  private static void awaitLog(Process process, Path log, String text) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    while (!(Files.exists(log) && Files.readString(log).contains(text))) {
      assertTrue(process.isAlive() && System.nanoTime() < deadline, "no '" + text + "' in " + log);
      Thread.sleep(200);
    }
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
      return probe.getLocalPort();
    }
  }

  /** The metrics without charts/sps (steps per second, the one column that measures the machine). */
  private static List<String> metricsWithoutSpeed(Path metrics) throws IOException {
    List<String> lines = Files.readAllLines(metrics);
    int speed = Arrays.asList(lines.get(0).split(",", -1)).indexOf("charts/sps");
    assertTrue(speed >= 0, lines.get(0));
    return lines.stream().map(line -> {
      List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
      cells.remove(speed);
      return String.join(",", cells);
    }).toList();
  }

  private static Set<String> nodes(Path sweep) throws IOException {
    Set<String> nodes = new TreeSet<>();
    try (Stream<Path> files = Files.find(sweep.resolve("jobs"), 3,
        (path, attributes) -> path.getFileName().toString().equals("attempt.json"))) {
      for (Path attempt : files.toList()) {
        JsonNode node = Json.MAPPER.readTree(attempt.toFile()).get("node");
        nodes.add(node.asText());
      }
    }
    return nodes;
  }
}
