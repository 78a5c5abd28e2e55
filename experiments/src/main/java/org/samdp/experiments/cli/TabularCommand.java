package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.samdp.adversaries.tabular.Convergence;
import org.samdp.adversaries.tabular.OptimalAdversary;
import org.samdp.adversaries.tabular.OptimalPolicy;
import org.samdp.adversaries.tabular.PolicyEvaluation;
import org.samdp.adversaries.tabular.PolicyIteration;
import org.samdp.adversaries.tabular.ThreeStateSummary;
import org.samdp.envs.tabular.GridWorld;
import org.samdp.envs.tabular.SaMdp;
import org.samdp.envs.tabular.TabularPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code samdp tabular three-state | gridworld}: the dissertation's tabular SA-MDP examples, solved exactly. */
@Command(
    name = "tabular",
    description = "Solve the tabular SA-MDP examples of dissertation section 6.2 under the optimal adversary.",
    mixinStandardHelpOptions = true,
    subcommands = {TabularCommand.ThreeState.class, TabularCommand.GridWorldValues.class})
public final class TabularCommand extends CommandGroup {

  /** {@code samdp tabular three-state}. */
  @Command(name = "three-state", description = "Values of four policies on the 3-state example, with and without"
      + " the optimal adversary.", mixinStandardHelpOptions = true)
  static final class ThreeState implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      out.print(ThreeStateSummary.compute().table());
      out.flush();
    }
  }

  /** {@code samdp tabular gridworld}. */
  @Command(name = "gridworld", description = "The MDP-optimal GridWorld policy's values, without and under the"
      + " optimal adversary (Fig. 6.6).", mixinStandardHelpOptions = true)
  static final class GridWorldValues implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      GridWorld grid = GridWorld.figure66();
      SaMdp mdp = grid.saMdp();
      OptimalPolicy optimal = PolicyIteration.solve(mdp, Convergence.DEFAULT);
      TabularPolicy policy = TabularPolicy.deterministic(mdp.numActions(), optimal.actions());
      OptimalAdversary attacked = PolicyEvaluation.underOptimalAdversary(mdp, policy, Convergence.DEFAULT);
      PrintWriter out = spec.commandLine().getOut();
      out.println("GridWorld (S start, T target +1, x trap -1; the adversary may show a 4-neighbour), gamma = "
          + mdp.gamma());
      grid.layout().forEach(row -> out.println("  " + row));
      printValues(out, grid, "values of the MDP-optimal policy, no adversary:", optimal.values());
      printValues(out, grid, "the same policy under the optimal adversary:", attacked.agentValues());
      out.flush();
    }

    private static void printValues(PrintWriter out, GridWorld grid, String title, List<Double> values) {
      out.println(title);
      for (int row = 0; row < grid.rows(); row++) {
        StringBuilder line = new StringBuilder(" ");
        for (int column = 0; column < grid.columns(); column++) {
          line.append(String.format(Locale.ROOT, " %7.3f", values.get(grid.state(row, column))));
        }
        out.println(line);
      }
    }
  }
}
