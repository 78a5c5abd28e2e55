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

    @Override
    public void run() {
      if (repeats <= 0) {
        throw new IllegalArgumentException("--repeats must be positive, got " + repeats);
      }
      BoundsBenchmark.run(System.out, repeats);
    }
  }
}
