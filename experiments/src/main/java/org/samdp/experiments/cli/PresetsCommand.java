package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.samdp.agents.algo.Algorithms;
import org.samdp.experiments.presets.Preset;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code samdp presets}: the named setups of {@code samdp train --preset}, with their envs and sources. */
@Command(
    name = "presets",
    description = "List the named setups of samdp train --preset by algorithm family: name, env, and what each sets"
        + " up with its source.",
    mixinStandardHelpOptions = true)
final class PresetsCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Preset.index().forEach((family, names) -> {
      List<String> algorithms = Algorithms.names().stream()
          .filter(name -> Algorithms.get(name).family().equals(family)).toList();
      out.printf(Locale.ROOT, "%s (--algo %s)%n", family, String.join(" or ", algorithms));
      for (String name : names) {
        Preset preset = Preset.load(name, algorithms.get(0));
        out.printf(Locale.ROOT, "  %-24s %-22s %s%n", name, preset.env(), preset.description());
      }
    });
    out.flush();
    return 0;
  }
}
