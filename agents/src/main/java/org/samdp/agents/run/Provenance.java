package org.samdp.agents.run;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
 * @param started when the run started
 * @param resumes every later continuation of the run, in order (absent in runs never resumed)
 * @param imported the file an imported run was made from (absent in runs trained here)
 */
public record Provenance(String gitCommit, Boolean gitDirty, String java, String djl, String engine, String algorithm,
    String env, long seed, List<String> command, String started, List<Resume> resumes,
    @JsonInclude(JsonInclude.Include.NON_NULL) Imported imported) {

  /**
   * The source of an imported run.
   *
   * @param file the file as given
   * @param sha256 its SHA-256
   * @param format its layout, e.g. {@code sa-ppo}
   * @param notes what the import changed or could not keep, one sentence each
   */
  public record Imported(String file, String sha256, String format, List<String> notes) {}

  /**
   * One continuation of a run.
   *
   * @param gitCommit commit of the source tree that continued it, or "unknown"
   * @param gitDirty whether that tree had uncommitted changes (null if unknown)
   * @param command the command line
   * @param started when it started
   * @param checkpoint the checkpoint it continued from, or null when the run had none yet
   */
  public record Resume(String gitCommit, Boolean gitDirty, List<String> command, String started,
      String checkpoint) {}

  /** This provenance with {@code resume} appended. */
  public Provenance resumedBy(List<String> command, String checkpoint) {
    Provenance now = collect(algorithm, env, seed, command);
    List<Resume> all = new ArrayList<>(resumes == null ? List.of() : resumes);
    all.add(new Resume(now.gitCommit, now.gitDirty, List.copyOf(command), now.started, checkpoint));
    return new Provenance(gitCommit, gitDirty, java, djl, engine, algorithm, env, seed, this.command, started,
        List.copyOf(all), imported);
  }

  /** Collects the versions of this process; the source tree is {@code samdp.root} or the working directory. */
  public static Provenance collect(String algorithm, String env, long seed, List<String> command) {
    Path root = Path.of(System.getProperty("samdp.root", "."));
    String commit = git(root, "rev-parse", "HEAD");
    String status = git(root, "status", "--porcelain", "--untracked-files=no");
    Engine engine = Engine.getInstance();
    return new Provenance(commit == null ? "unknown" : commit.trim(), status == null ? null : !status.isBlank(),
        System.getProperty("java.version"), Engine.getDjlVersion(), engine.getEngineName() + " "
        + engine.getVersion(), algorithm, env, seed, List.copyOf(command), Instant.now().toString(), null, null);
  }

  /** This provenance with the source of an imported run. */
  public Provenance importedFrom(Imported source) {
    return new Provenance(gitCommit, gitDirty, java, djl, engine, algorithm, env, seed, command, started, resumes,
        source);
  }

  private static String git(Path root, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
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
