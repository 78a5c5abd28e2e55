package org.samdp.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.samdp.experiments.sweep.RaySweep;
import org.samdp.experiments.sweep.SweepDirectory;
import org.samdp.experiments.sweep.SweepFile;
import org.samdp.experiments.sweep.SweepJob;
import org.samdp.experiments.sweep.SweepPlan;
import org.samdp.experiments.sweep.SweepProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code samdp sweep}: every job of a sweep file as samdp processes on Ray, locally or on a cluster. */
@Command(
    name = "sweep",
    description = {"Run a sweep file's jobs (every grid setting x seed trained, then attacked and certified) as samdp"
        + " train/attack/certify processes on Ray: a local Ray on 127.0.0.2 started and stopped by this command, or"
        + " a running cluster (--address or RAY_ADDRESS). A failed or killed job is retried (retries: in the file),"
        + " a training from its latest checkpoint; started again, a sweep skips its finished jobs. Then: samdp report"
        + " SWEEPDIR.",
        "",
        "Sweep file (YAML): out: DIR, retries: 2, episodes: 50, seed: 12345, jobs: a list of {name, algo, env or"
            + " preset, set: {key: value}, grid: {key: [values]}, seeds: N or [list], attacks: [{attack: [names],"
            + " eps: [radii], set: {...}, grid: {...}}], certify: [{eps: [radii], method: [IBP, CROWN]}]}."},
    mixinStandardHelpOptions = true)
final class SweepCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.yaml", description = "The sweep file.")
  Path file;

  @Option(names = "--address", paramLabel = "HOST:PORT", description = "A running Ray cluster's address (default:"
      + " RAY_ADDRESS if set, else a local Ray for this sweep). The run directories must be on storage every node"
      + " sees at the same path.")
  String address;

  @Option(names = "--port", paramLabel = "N", description = "Port of the local Ray (default: a free one).")
  int port;

  @Option(names = "--cpus", paramLabel = "N", description = "CPUs the local Ray gives jobs (default: all of this"
      + " machine's); each job takes as many as its JVM computes with (SAMDP_TORCH_THREADS, default 1).")
  Integer cpus;

  @Override
  public Integer call() {
    String cluster = address != null ? address : blankToNull(System.getenv("RAY_ADDRESS"));
    if (cluster != null && (Samdp.given(spec, "--port") || cpus != null)) {
      throw new IllegalArgumentException("--port and --cpus set up a local Ray, and this sweep runs on the cluster at "
          + cluster + (address != null ? " (--address)" : " (RAY_ADDRESS)") + ", which has its own; drop them");
    }
    SweepFile sweepFile = SweepFile.read(file);
    List<SweepJob> jobs = SweepPlan.expand(sweepFile);
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    SweepDirectory sweep = SweepDirectory.claim(sweepFile.out(), file, text);
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    int left = sweep.unfinished(jobs).size();
    if (left == 0) {
      out.printf("all %d jobs of %s are done; report with: samdp report %s%n", jobs.size(), sweep.root(),
          sweep.root());
      out.flush();
      return 0;
    }
    SweepDirectory.Lock lock = sweep.lock();
    try {
      return run(sweep, jobs, left, sweepFile.retries(), cluster, err, out);
    } finally {
      lock.close();
    }
  }

  private int run(SweepDirectory sweep, List<SweepJob> jobs, int left, int retries, String cluster, PrintWriter err,
      PrintWriter out) {
    err.printf("%s: %d jobs, %d of them to run%n", sweep.root(), jobs.size(), left);
    err.flush();
    sweep.writePlan(RaySweep.plan(jobs, retries));
    int localCpus = cpus != null ? cpus : Runtime.getRuntime().availableProcessors();
    if (localCpus < 1) {
      throw new IllegalArgumentException("--cpus must be >= 1, got " + localCpus);
    }
    SweepProgress progress = new SweepProgress(System.nanoTime());
    boolean console = System.console() != null;
    RaySweep.Outcome outcome = new RaySweep(Path.of(System.getProperty("samdp.root", ".")))
        .run(sweep, new RaySweep.Where(cluster, port, localCpus), counts -> {
          String line = progress.line(counts[0], counts[1], counts[2], counts[3], System.nanoTime());
          // On a terminal the line is rewritten in place; in a log, each change is a line of its own.
          err.print(console ? "\r" + String.format("%-" + SweepProgress.COLUMNS + "s", line) : line + "\n");
          err.flush();
        });
    if (console) {
      err.println();
    }
    if (!outcome.failed().isEmpty()) {
      err.printf("%d jobs failed: %s (their logs: %s/jobs/ID/attempt-N/log.txt); run samdp sweep %s again to retry"
          + " them%n", outcome.failed().size(), String.join(", ", outcome.failed()), sweep.root(), this.file);
      err.flush();
      return 1;
    }
    out.printf("all %d jobs of %s are done; report with: samdp report %s%n", jobs.size(), sweep.root(), sweep.root());
    out.flush();
    return 0;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
