package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.samdp.agents.io.AtomicFiles;
import org.samdp.experiments.report.ReportPlots;
import org.samdp.experiments.report.ReportTable;
import org.samdp.experiments.report.RunResults;
import org.samdp.experiments.report.SettingGroups;
import org.samdp.experiments.sweep.SweepAgents;
import org.samdp.experiments.sweep.SweepDirectory;
import org.samdp.experiments.sweep.SweepTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code samdp report}: one table over runs (Tables 6.3 and 6.5) and PNG plots. */
@Command(
    name = "report",
    description = "Summarise run directories in one Markdown table shaped like the dissertation's Tables 6.3 and 6.5"
        + " (natural return, each attack, best attack, certification rate, KL bound) and PNG plots (learning"
        + " curves; return vs eps per attack for runs attacked at several eps). Writes report.md and the plots.",
    mixinStandardHelpOptions = true)
final class ReportCommand implements Callable<Integer> {
  /** The Markdown file's name. */
  static final String REPORT = "report.md";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Run directories, or one sweep directory (samdp"
      + " sweep's out:), whose report aggregates as the papers do: per agent the strongest attack, per method the"
      + " median agent over its seeds.")
  List<Path> runs;

  @Option(names = "--out", paramLabel = "DIR", description = "Where report.md and the plots go (default: report/"
      + " beside the first run directory, or in the sweep directory; or report-2/, report-3/, ... so that no"
      + " earlier report is overwritten).")
  Path out;

  @Option(names = "--checkpoint", paramLabel = "C", description = "Report each run's results of this checkpoint:"
      + " latest, best (kept by the evaluation during training) or iter-N, from its results files or those kept"
      + " beside them (default: the results files as they are; the table names each row's checkpoint).")
  String checkpoint;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    if (runs.size() == 1 && SweepDirectory.isSweep(runs.get(0))) {
      if (checkpoint != null) {
        throw new IllegalArgumentException("--checkpoint chooses among a run directory's checkpoints, and "
            + runs.get(0) + " is a sweep, whose attack and certify jobs evaluated the checkpoints their agents ended"
            + " with; drop --checkpoint");
      }
      Path directory = out != null ? out : Samdp.freshDirectory(runs.get(0).resolve("report"));
      stdout.print(writeSweep(SweepAgents.read(new SweepDirectory(runs.get(0))), directory));
      stdout.println("written to " + directory.resolve(REPORT));
      stdout.flush();
      return 0;
    }
    List<RunResults> results = runs.stream().map(run -> RunResults.read(run, checkpoint)).toList();
    Path directory = out != null ? out : defaultDirectory(runs.get(0));
    stdout.print(write(results, directory));
    stdout.println("written to " + directory.resolve(REPORT));
    stdout.flush();
    return 0;
  }

  /**
   * Writes {@code report.md} and the plots into {@code directory}; returns the table, with a note under it for each run
   * whose attacks and certificates come from different evaluations. Where several runs share one setting (they
   * differ in their seeds alone), a table over the seeds as a sweep's report has comes first.
   */
  static String write(List<RunResults> results, Path directory) {
    List<SettingGroups.Group> groups = SettingGroups.of(results);
    String table = ReportTable.markdown(results);
    List<Path> plots = ReportPlots.write(results, directory);
    StringBuilder markdown = new StringBuilder("# samdp report\n\n");
    if (SettingGroups.anySeeds(groups)) {
      String overSeeds = SweepTable.markdown(groups.stream().flatMap(group -> group.runs().stream()
          .map(run -> new SweepAgents.Agent(group.label(), run.training().seed(), run))).toList());
      markdown.append("## Over seeds\n\n").append(overSeeds).append('\n').append(SEED_AGGREGATION)
          .append("\n\n## Every run\n\n");
      table = overSeeds + "\n" + table;
    }
    markdown.append(table).append('\n');
    StringBuilder notes = new StringBuilder();
    for (RunResults run : results) {
      if (run.mismatch() != null) {
        markdown.append("**Note**: ").append(run.mismatch()).append(".\n\n");
        notes.append("note: ").append(run.mismatch()).append('\n');
      }
    }
    markdown.append("Returns are mean ± std over the evaluation episodes; ε is the ℓ∞ radius in normalized observation"
        + " space; the best attack is the lowest attack return, in bold where no other attack shows the same mean."
        + " Training ε / κ is the radius and weight of the run's SA regulariser (ATLA: its adversary's radius).\n");
    for (Path plot : plots) {
      markdown.append("\n![").append(plot.getFileName()).append("](").append(plot.getFileName()).append(")\n");
    }
    AtomicFiles.writeString(directory.resolve(REPORT), markdown.toString());
    return table + notes;
  }

  /** How the tables over seeds aggregate, under them. */
  private static final String SEED_AGGREGATION = "Per agent, the best attack is the lowest mean return over every"
      + " attack and setting; per method and ε, the median agent over its seeds by that return (the lower middle one"
      + " for an even count), with the range over the agents beside. Returns are mean ± std over the evaluation"
      + " episodes.";

  /**
   * A sweep's report: the aggregate table (median agent over seeds, strongest attack per agent), then every agent's
   * row and the plots of {@link #write}; returns the aggregate table.
   */
  static String writeSweep(List<SweepAgents.Agent> agents, Path directory) {
    if (agents.isEmpty()) {
      throw new IllegalArgumentException("no agent of the sweep has finished training yet; run samdp sweep first");
    }
    String table = SweepTable.markdown(agents);
    List<RunResults> runs = agents.stream().map(SweepAgents.Agent::run).toList();
    List<Path> plots = ReportPlots.write(runs, directory);
    StringBuilder markdown = new StringBuilder("# samdp sweep report\n\n").append(table).append('\n')
        .append(SEED_AGGREGATION).append("\n\n")
        .append("## Every agent\n\n").append(ReportTable.markdown(runs));
    for (Path plot : plots) {
      markdown.append("\n![").append(plot.getFileName()).append("](").append(plot.getFileName()).append(")\n");
    }
    AtomicFiles.writeString(directory.resolve(REPORT), markdown.toString());
    return table;
  }

  private static Path defaultDirectory(Path firstRun) {
    Path parent = firstRun.toAbsolutePath().normalize().getParent();
    return Samdp.freshDirectory((parent == null ? firstRun : parent).resolve("report"));
  }
}
