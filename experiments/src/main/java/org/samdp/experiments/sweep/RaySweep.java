package org.samdp.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.samdp.agents.io.Json;

/**
 * Runs a sweep directory's plan with the Python driver ({@code python -m samdp_sweep} from the project's
 * {@code .venv}) on Ray: a local Ray on 127.0.0.2 that the driver starts and stops, or a running cluster. The driver
 * talks back in JSON lines (progress, the jobs that failed, or why it could not run); Ray's own messages go to
 * {@code driver.log} in the sweep directory.
 */
public final class RaySweep {
  /** The driver's log in the sweep directory. */
  public static final String DRIVER_LOG = "driver.log";
  /** Environment variables of the JVM that samdp processes on other nodes need too (kernels, allocator, samdp's). */
  /** Where a local Ray listens: Ray replaces 127.0.0.1 and localhost by the machine's outward address, not this. */
  public static final String LOCAL_ADDRESS = "127.0.0.2";
  private static final List<String> CARRIED_ENVIRONMENT = List.of("MKL_", "ONEDNN_", "MALLOC_", "SAMDP_");

  private final Path root;

  /** @param root the project root, whose {@code .venv} and {@code experiments/python} the driver comes from */
  public RaySweep(Path root) {
    this.root = root;
  }

  /**
   * Where to run.
   *
   * @param address HOST:PORT of a running cluster, or null for a local Ray
   * @param port the local head's port (0: a free one)
   * @param cpus the local head's CPUs
   */
  public record Where(String address, int port, int cpus) {}

  /**
   * How the driver's run ended.
   *
   * @param failed the jobs that failed every attempt (and the evaluations of agents whose training failed)
   */
  public record Outcome(List<String> failed) {}

  /** The plan for these jobs: each job a samdp process of this JVM's command and classpath, on its threads. */
  public static SweepPlan plan(List<SweepJob> jobs, int retries) {
    int threads = Integer.getInteger("ai.djl.pytorch.num_threads", 1);
    List<String> launcher = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString()));
    // This JVM's own settings (./samdp's flags: threads, offline DJL, stack size, logging) carry over.
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(flag -> flag.startsWith("-D") || flag.startsWith("-Xss") || flag.startsWith("-Xmx"))
        .forEach(launcher::add);
    if (System.getProperty("samdp.root") != null
        && launcher.stream().noneMatch(flag -> flag.startsWith("-Dsamdp.root="))) {
      launcher.add("-Dsamdp.root=" + System.getProperty("samdp.root"));
    }
    launcher.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.samdp.experiments.cli.Samdp"));
    Map<String, String> environment = new TreeMap<>();
    System.getenv().forEach((name, value) -> {
      if (CARRIED_ENVIRONMENT.stream().anyMatch(name::startsWith)) {
        environment.put(name, value);
      }
    });
    return new SweepPlan(jobs, launcher, environment, threads, retries);
  }

  /**
   * Runs the directory's plan until every job has ended; the process is stopped (and Ray with it) if this thread is
   * interrupted or the JVM exits.
   *
   * @param progress told of each change of the counts: total, done, running, failed
   * @throws IllegalStateException with the driver's one line if it cannot run (no Ray, unreachable cluster, port
   *     in use)
   */
  public Outcome run(SweepDirectory sweep, Where where, Consumer<int[]> progress) {
    Path python = root.resolve(".venv").resolve("bin").resolve("python");
    if (!Files.isExecutable(python)) {
      throw new IllegalStateException("no " + python + ": run samdp sweep through ./samdp, which sets up .venv with"
          + " Ray");
    }
    if (where.address() != null) {
      requireReachable(where.address());
    } else if (where.port() != 0) {
      requireFree(where.port());
    }
    List<String> command = new ArrayList<>(List.of(python.toString(), "-m", "samdp_sweep",
        sweep.root().toAbsolutePath().toString()));
    if (where.address() != null) {
      command.addAll(List.of("--address", where.address()));
    } else {
      command.addAll(List.of("--port", String.valueOf(where.port()), "--cpus", String.valueOf(where.cpus())));
    }
    Path log = sweep.root().resolve(DRIVER_LOG);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // The driver's sources, not an installed copy, so that it always matches this build.
    builder.environment().put("PYTHONPATH", root.resolve("experiments").resolve("python").toString());
    Process driver;
    try {
      driver = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sweep driver " + python + ": " + e.getMessage(), e);
    }
    AtomicBoolean stopped = new AtomicBoolean();
    Thread stop = new Thread(() -> {
      stopped.set(true);
      stop(driver);
    });
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      String error = null;
      List<String> failed = new ArrayList<>();
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(driver.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          JsonNode message = Json.MAPPER.readTree(line);
          if (message.has("progress")) {
            JsonNode p = message.get("progress");
            progress.accept(new int[] {p.get("total").asInt(), p.get("done").asInt(), p.get("running").asInt(),
                p.get("failed").asInt()});
          } else if (message.has("failed")) {
            message.get("failed").forEach(id -> failed.add(id.asText()));
          } else if (message.has("error")) {
            error = message.get("error").asText();
          }
        }
      }
      int code = driver.waitFor();
      if (stopped.get()) {
        // Ctrl-C or a kill: the driver's exit code and log say nothing about the sweep itself.
        throw new IllegalStateException("stopped; run the same command again to go on (finished jobs are kept)");
      }
      if (error != null) {
        throw new IllegalStateException(error);
      }
      // Exit code 1 with failed jobs is the driver's own "some failed"; without them it is Python's uncaught error.
      if (code != 0 && (code != 1 || failed.isEmpty())) {
        throw new IllegalStateException("the sweep driver stopped with exit code " + code + ": " + lastLine(log)
            + " (all of it in " + log + ")");
      }
      return new Outcome(failed);
    } catch (IOException e) {
      throw new UncheckedIOException("lost the sweep driver's output: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted; the sweep stopped (start it again to go on)", e);
    } finally {
      stop(driver);
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook is stopping the driver.
      }
    }
  }

  /** A cluster's address answers, checked before the driver starts (Ray itself would retry for a long time). */
  static void requireReachable(String address) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || !address.substring(colon + 1).matches("\\d{1,5}")) {
      throw new IllegalArgumentException("the cluster address " + address + " is not HOST:PORT (e.g. 10.0.0.5:6379)");
    }
    String host = address.substring(0, colon);
    int port = Integer.parseInt(address.substring(colon + 1));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 5000);
    } catch (IOException e) {
      throw new IllegalStateException("no Ray cluster answers at " + address + " (" + e.getMessage() + "): start one"
          + " there with `ray start --head --node-ip-address " + host + " --port " + port + "`, or leave out"
          + " --address and RAY_ADDRESS to run locally");
    }
  }

  /** The local Ray's port is free on its loopback address. */
  static void requireFree(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(LOCAL_ADDRESS))) {
      probe.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalStateException("Ray cannot start on " + LOCAL_ADDRESS + ":" + port + ": the port is in use ("
          + e.getMessage() + "); give another --port, or leave --port out to take a free one");
    }
  }

  /** Terminates the driver (it stops its jobs and the local Ray) and waits for it to end. */
  private static void stop(Process driver) {
    if (driver.isAlive()) {
      driver.destroy();
      try {
        driver.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
      return lines.isEmpty() ? "(it printed nothing)" : lines.get(lines.size() - 1).strip();
    } catch (IOException e) {
      return "(its log cannot be read: " + e.getMessage() + ")";
    }
  }
}
