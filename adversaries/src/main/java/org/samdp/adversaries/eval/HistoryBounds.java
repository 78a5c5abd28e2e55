package org.samdp.adversaries.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.policy.RecurrentPolicy;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.certify.ActionCertificate;
import org.samdp.bounds.ops.Interval;
import org.samdp.bounds.perturbation.InputBox;
import org.samdp.bounds.perturbation.Norm;
import org.samdp.bounds.perturbation.Perturbation;
import org.samdp.bounds.perturbation.SequencesFromState;

/**
 * The input sets of a recurrent policy's certificates along episodes run side by side (samdp's definition, §7.3): at
 * step t, every observation since the episode started lies in its own ℓ∞ box B(s_j). The last {@code window}
 * observations are bounded through the unrolled cell ({@link BoundedNetwork} over the policy's history network of that
 * length, any method); the state entering the window lies in a box carried from the earlier steps by IBP, one step
 * at a time ({@link BoundedNetwork#finalState}), so a step costs one window bound and one interval step however long
 * the episode. Until an episode has {@code window} observations the window is its whole history from the zero state.
 *
 * <p>Each episode's window and carried box are kept as plain numbers between steps; an episode is forgotten when a
 * step no longer names it. One per evaluation run.
 */
final class HistoryBounds {
  private final RecurrentPolicy policy;
  private final IntFunction<BoundedNetwork> histories;
  private final int window;
  private final Map<Long, History> episodes = new HashMap<>();

  /** What is kept of one episode: the window's observations and the state entering it. */
  private static final class History {
    final Deque<double[]> window = new ArrayDeque<>();
    /** Bounds of each state part entering the window, null for the zero state (no step carried yet). */
    double[][] carriedLower;
    double[][] carriedUpper;
    /** The state the true observations lead to, before the current step. */
    double[][] nominal;
  }

  /**
   * @param histories the bound engine over the policy's history network of each length {@code 1..window}
   * @param window how many of the last observations the bound engine reads through the cell, {@code >= 1}
   */
  HistoryBounds(RecurrentPolicy policy, IntFunction<BoundedNetwork> histories, int window) {
    this.policy = policy;
    this.histories = histories;
    this.window = window;
  }

  /**
   * One group of rows whose windows have the same length and kind of entering state, bounded by one network.
   *
   * @param bounded the bound engine over the history network of the window's length
   * @param input the windows' input sets, with the entering state box where one was carried
   * @param rows the rows of the step in this group
   */
  record Group(BoundedNetwork bounded, Perturbation input, long[] rows) {}

  /**
   * The certificates' input sets at the current step of each row's episode.
   *
   * @param clean the policy's distribution at the true history
   * @param groups the rows grouped by window
   */
  record Step(ActionDistribution clean, List<Group> groups) {

    /** Bounds of the outputs over every row's input set, {@code [B, n]} in row order. */
    Bounds bounds(BoundMethod method) {
      NDList lower = new NDList();
      NDList upper = new NDList();
      for (Group group : groups) {
        Bounds bounds = group.bounded().compute(group.input(), method);
        lower.add(bounds.lower());
        upper.add(bounds.upper());
      }
      NDArray order = rowOrder();
      return new Bounds(NDArrays.concat(lower).get(order), NDArrays.concat(upper).get(order));
    }

    /** Whether each row's action (arg-max of the true history's logits) stays the arg-max over its input set. */
    boolean[] certified(BoundMethod method) {
      NDArray chosen = clean.mode();
      boolean[] certified = new boolean[Math.toIntExact(chosen.getShape().get(0))];
      for (Group group : groups) {
        NDArray rows = chosen.getManager().create(group.rows());
        boolean[] byGroup = ActionCertificate.certify(group.bounded(), group.input(), chosen.get(rows), method)
            .certified();
        for (int k = 0; k < byGroup.length; k++) {
          certified[(int) group.rows()[k]] = byGroup[k];
        }
      }
      return certified;
    }

    /** Where each row's result lies in the groups' concatenated results. */
    private NDArray rowOrder() {
      int size = groups.stream().mapToInt(g -> g.rows().length).sum();
      long[] position = new long[size];
      int at = 0;
      for (Group group : groups) {
        for (long row : group.rows()) {
          position[(int) row] = at++;
        }
      }
      return clean.mode().getManager().create(position);
    }
  }

  /**
   * Takes the current step of each row's episode: the true observations and the episodes' numbers (a number not seen
   * before starts an episode; episodes not named are forgotten).
   *
   * @param states the true normalized observations {@code [B, F]}
   * @param threat B(s): an ℓ∞ ball, clipped and scaled as it may be
   * @throws IllegalArgumentException for a threat model of another norm (the certificate is per-step ℓ∞)
   */
  Step advance(NDArray states, long[] numbers, ThreatModel threat) {
    if (threat.norm() != Norm.INF) {
      throw new IllegalArgumentException("recurrent certificates bound ℓ∞ perturbations of every observation in the"
          + " history; the threat model's norm is " + threat.norm());
    }
    episodes.keySet().retainAll(Arrays.stream(numbers).boxed().toList());
    NDManager manager = states.getManager();
    DataType type = states.getDataType();
    List<History> rows = new ArrayList<>();
    List<Integer> leaving = new ArrayList<>();
    List<double[]> left = new ArrayList<>();
    for (int b = 0; b < numbers.length; b++) {
      History history = episodes.computeIfAbsent(numbers[b], n -> new History());
      history.window.addLast(doubles(states.get(b)));
      if (history.window.size() > window) {
        leaving.add(b);
        left.add(history.window.removeFirst());
      }
      rows.add(history);
    }
    carry(rows, leaving, left, threat, manager, type);
    ActionDistribution clean = cleanStep(rows, states);
    // Rows grouped by window length, and whether a state box enters the window.
    Map<String, List<Integer>> byWindow = new LinkedHashMap<>();
    for (int b = 0; b < rows.size(); b++) {
      History history = rows.get(b);
      byWindow.computeIfAbsent(history.window.size() + (history.carriedLower == null ? "" : "+state"),
          k -> new ArrayList<>()).add(b);
    }
    List<Group> groups = new ArrayList<>();
    for (List<Integer> members : byWindow.values()) {
      List<History> grouped = members.stream().map(rows::get).toList();
      int length = grouped.get(0).window.size();
      Perturbation input = box(windows(grouped, manager, type), threat);
      if (grouped.get(0).carriedLower != null) {
        input = new SequencesFromState(input, carried(grouped, manager, type));
      }
      groups.add(new Group(histories.apply(length), input, members.stream().mapToLong(Integer::longValue).toArray()));
    }
    return new Step(clean, groups);
  }

  /** Moves the state box of the rows whose oldest observation left the window one step on, by IBP. */
  private void carry(List<History> rows, List<Integer> leaving, List<double[]> left, ThreatModel threat,
      NDManager manager, DataType type) {
    // Rows from the zero state and rows with a box go through IBP separately (the zero state is exact).
    for (boolean fromBox : new boolean[] {false, true}) {
      List<History> moving = new ArrayList<>();
      List<double[]> observations = new ArrayList<>();
      for (int k = 0; k < leaving.size(); k++) {
        History history = rows.get(leaving.get(k));
        if ((history.carriedLower != null) == fromBox) {
          moving.add(history);
          observations.add(left.get(k));
        }
      }
      if (moving.isEmpty()) {
        continue;
      }
      NDArray step = create(manager, observations.toArray(double[][]::new), type).expandDims(1);
      Perturbation input = box(step, threat);
      if (fromBox) {
        input = new SequencesFromState(input, carried(moving, manager, type));
      }
      List<Interval> next = histories.apply(1).finalState(input);
      for (int m = 0; m < moving.size(); m++) {
        History history = moving.get(m);
        history.carriedLower = new double[next.size()][];
        history.carriedUpper = new double[next.size()][];
        for (int part = 0; part < next.size(); part++) {
          history.carriedLower[part] = doubles(next.get(part).lower().get(m));
          history.carriedUpper[part] = doubles(next.get(part).upper().get(m));
        }
      }
    }
  }

  /** The policy's distribution at each row's true history, advancing the rows' nominal states. */
  private ActionDistribution cleanStep(List<History> rows, NDArray states) {
    NDManager manager = states.getManager();
    PolicyState initial = policy.initialState(manager, rows.size());
    List<NDArray> state = new ArrayList<>();
    for (int part = 0; part < initial.arrays().size(); part++) {
      int p = part;
      double[][] values = rows.stream()
          .map(h -> h.nominal == null ? doubles(initial.arrays().get(p).get(0)) : h.nominal[p])
          .toArray(double[][]::new);
      state.add(create(manager, values, initial.arrays().get(part).getDataType()));
    }
    ActionDistribution clean = policy.distribution(states, new PolicyState(state));
    List<NDArray> next = policy.recurrentNetwork().step(states, state).state();
    for (int b = 0; b < rows.size(); b++) {
      double[][] nominal = new double[next.size()][];
      for (int part = 0; part < next.size(); part++) {
        nominal[part] = doubles(next.get(part).get(b));
      }
      rows.get(b).nominal = nominal;
    }
    return clean;
  }

  /** The ℓ∞ boxes B(s_j) of every step of sequences {@code [b, L, F]}. */
  private static Perturbation box(NDArray sequences, ThreatModel threat) {
    Shape shape = sequences.getShape();
    NDArray flat = sequences.reshape(shape.get(0) * shape.get(1), -1);
    return new InputBox(threat.lower(flat).reshape(shape), threat.upper(flat).reshape(shape));
  }

  private static NDArray windows(List<History> histories, NDManager manager, DataType type) {
    NDList windows = new NDList();
    for (History history : histories) {
      windows.add(create(manager, history.window.toArray(double[][]::new), type));
    }
    return NDArrays.stack(windows);
  }

  private static List<Interval> carried(List<History> histories, NDManager manager, DataType type) {
    List<Interval> state = new ArrayList<>();
    for (int part = 0; part < histories.get(0).carriedLower.length; part++) {
      int p = part;
      state.add(new Interval(create(manager, histories.stream().map(h -> h.carriedLower[p]).toArray(double[][]::new),
          type), create(manager, histories.stream().map(h -> h.carriedUpper[p]).toArray(double[][]::new), type)));
    }
    return state;
  }

  private static NDArray create(NDManager manager, double[][] rows, DataType type) {
    return manager.create(rows).toType(type, false);
  }

  private static double[] doubles(NDArray values) {
    return values.toType(DataType.FLOAT64, false).toDoubleArray();
  }
}
