package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.samdp.bounds.fuzz.SoundnessFuzz;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code samdp bounds fuzz}: the bound engine's soundness fuzzing for as long as asked. */
@Command(
    name = "fuzz",
    description = "Check the bound engine's soundness on random networks and input sets (every method against sampled"
        + " and attacked outputs) for --seconds, or rerun one case with --case; exits 1 if any bound is unsound.",
    mixinStandardHelpOptions = true)
final class BoundsFuzzCommand implements Callable<Integer> {
  private static final long PROGRESS_MILLIS = 10_000;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--seconds", paramLabel = "N", defaultValue = "60", description = "How long to run (default 60).")
  double seconds;

  @Option(names = "--first", paramLabel = "K", defaultValue = "1",
      description = "The first case's seed; cases K, K+1, ... follow (default 1).")
  long first;

  @Option(names = "--case", paramLabel = "K", description = "Run only case K, printing what it is.")
  Long single;

  @Override
  public Integer call() {
    if (!(seconds > 0)) {
      throw new IllegalArgumentException("--seconds must be positive, got " + seconds);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (single != null) {
      SoundnessFuzz.CaseResult result = SoundnessFuzz.runCase(single);
      out.println(result.description());
      result.violations().forEach(out::println);
      out.println(result.violations().isEmpty() ? "sound: " + result.checks() + " methods checked"
          : result.violations().size() + " of " + result.checks() + " methods unsound");
      out.flush();
      return result.violations().isEmpty() ? 0 : 1;
    }
    long start = System.currentTimeMillis();
    long deadline = start + Math.round(seconds * 1000);
    long nextReport = start + PROGRESS_MILLIS;
    long seed = first;
    long checks = 0;
    List<String> violations = new ArrayList<>();
    while (System.currentTimeMillis() < deadline) {
      SoundnessFuzz.CaseResult result = SoundnessFuzz.runCase(seed++);
      checks += result.checks();
      result.violations().forEach(v -> {
        out.println(v);
        violations.add(v);
      });
      if (System.currentTimeMillis() >= nextReport) {
        out.println(summary(first, seed, checks, violations.size(), start));
        out.flush();
        nextReport += PROGRESS_MILLIS;
      }
    }
    out.println(summary(first, seed, checks, violations.size(), start)
        + (violations.isEmpty() ? "" : "; rerun one with samdp bounds fuzz --case K"));
    out.flush();
    return violations.isEmpty() ? 0 : 1;
  }

  private static String summary(long first, long next, long checks, int violations, long start) {
    return String.format(java.util.Locale.ROOT, "cases %d to %d: %d checks, %d unsound (%.0f s)", first, next - 1,
        checks, violations, (System.currentTimeMillis() - start) / 1000.0);
  }
}
