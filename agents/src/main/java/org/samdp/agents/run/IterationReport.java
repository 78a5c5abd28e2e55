package org.samdp.agents.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics of one finished iteration, by stable namespaced name.
 *
 * @param iteration the iteration, from 1
 * @param globalStep environment steps so far
 * @param metrics values by column name (including {@code iteration} and {@code global_step})
 */
public record IterationReport(int iteration, long globalStep, Map<String, Double> metrics) {

  /** Copies the map. */
  public IterationReport {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** A metric, or NaN if absent. */
  public double get(String name) {
    return metrics.getOrDefault(name, Double.NaN);
  }
}
