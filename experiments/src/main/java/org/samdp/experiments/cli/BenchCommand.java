package org.samdp.experiments.cli;

import org.samdp.bounds.reference.BoundsBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code samdp bench ...}: benchmarks that print times and ratios to a baseline measured in the same run. */
@Command(
    name = "bench",
    description = "Benchmarks (times and ratios to a baseline measured in the same run; not tests).",
    mixinStandardHelpOptions = true,
    subcommands = {BenchCommand.BenchBounds.class})
public final class BenchCommand extends CommandGroup {

  /** {@code samdp bench bounds}. */
  @Command(
      name = "bounds",
      description = "IBP, CROWN and CROWN-IBP on the issue's MLP and Atari CNN workloads, each as a ratio to a plain"
          + " forward+backward of the same network, beside auto_LiRPA's ratios.",
      mixinStandardHelpOptions = true)
  static final class BenchBounds implements Runnable {
    @Option(names = "--repeats", defaultValue = "10", description = "Timed calls per row, after warm-up"
        + " (median reported; default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--threads", defaultValue = "2", description = "PyTorch intra-op threads while benchmarking;"
        + " auto_LiRPA's anchor times were taken with 2 (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public void run() {
      if (repeats <= 0) {
        throw new IllegalArgumentException("--repeats must be positive, got " + repeats);
      }
      if (threads <= 0) {
        throw new IllegalArgumentException("--threads must be positive, got " + threads);
      }
      BoundsBenchmark.run(System.out, repeats, threads);
    }
  }
}
