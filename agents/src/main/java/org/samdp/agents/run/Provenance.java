package org.samdp.agents.run;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where a run came from: code version, library and native versions, seed, command line.
 *
 * @param gitCommit commit of the source tree, or "unknown"
 * @param gitDirty whether the tree had uncommitted changes (null if unknown)
 * @param java Java runtime version
 * @param djl DJL version
 * @param engine the DJL engine and its native version, e.g. "PyTorch 2.7.1"
 * @param algorithm the trainer
 * @param env the environment id
 * @param seed the run's seed
 * @param command the command line arguments
 * @param started when the run (or this resumption) started
 */
public record Provenance(String gitCommit, Boolean gitDirty, String java, String djl, String engine, String algorithm,
    String env, long seed, List<String> command, String started) {

  /** Collects the versions of this process; the source tree is {@code samdp.root} or the working directory. */
  public static Provenance collect(String algorithm, String env, long seed, List<String> command) {
    Path root = Path.of(System.getProperty("samdp.root", "."));
    String commit = git(root, "rev-parse", "HEAD");
    String status = git(root, "status", "--porcelain", "--untracked-files=no");
    Engine engine = Engine.getInstance();
    return new Provenance(commit == null ? "unknown" : commit.trim(), status == null ? null : !status.isBlank(),
        System.getProperty("java.version"), Engine.getDjlVersion(), engine.getEngineName() + " "
        + engine.getVersion(), algorithm, env, seed, List.copyOf(command), Instant.now().toString());
  }

  private static String git(Path root, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return null;
      }
      return new String(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
