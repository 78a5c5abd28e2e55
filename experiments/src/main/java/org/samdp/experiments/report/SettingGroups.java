package org.samdp.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs grouped by setting (the configuration without its seed), each group named for tables and plots: its method,
 * with its training ε / κ, or else its first run's directory, after it where another setting of the env shares the
 * method.
 */
public final class SettingGroups {
  private SettingGroups() {}

  /**
   * The runs of one setting.
   *
   * @param label how tables and plots name it
   * @param runs its runs, in the order given
   */
  public record Group(String label, List<RunResults> runs) {
    /** The env its runs were trained on. */
    public String env() {
      return runs.get(0).env();
    }
  }

  /** The groups, in the order their first runs come. */
  public static List<Group> of(List<RunResults> runs) {
    Map<String, List<RunResults>> bySetting = new LinkedHashMap<>();
    runs.forEach(run -> bySetting.computeIfAbsent(run.env() + "\n" + run.training().setting(),
        key -> new ArrayList<>()).add(run));
    Map<String, List<List<RunResults>>> byMethod = new LinkedHashMap<>();
    bySetting.values().forEach(group -> byMethod.computeIfAbsent(methodKey(group.get(0)), key -> new ArrayList<>())
        .add(group));
    List<Group> groups = new ArrayList<>();
    for (List<RunResults> group : bySetting.values()) {
      List<List<RunResults>> sameMethod = byMethod.get(methodKey(group.get(0)));
      RunResults first = group.get(0);
      String label = first.method();
      if (sameMethod.size() > 1) {
        boolean trainingTellsApart = sameMethod.stream().filter(g -> g.get(0).training().cell()
            .equals(first.training().cell())).count() == 1;
        label += " · " + (trainingTellsApart ? "ε / κ " + first.training().cell() : first.directory().getFileName());
      }
      groups.add(new Group(label, List.copyOf(group)));
    }
    return groups;
  }

  /** Whether some setting has more than one run (seed). */
  public static boolean anySeeds(List<Group> groups) {
    return groups.stream().anyMatch(group -> group.runs().size() > 1);
  }

  private static String methodKey(RunResults run) {
    return run.env() + "\n" + run.method();
  }
}
