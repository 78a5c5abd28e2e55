package org.samdp.adversaries.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.DiagonalGaussian;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.RecurrentPolicy;
import org.samdp.agents.robust.PolicyKlBound;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.Scalars;
import org.samdp.bounds.certify.ActionCertificate;
import org.samdp.bounds.certify.ActionChangeBound;
import org.samdp.bounds.certify.CertifiedRadius;
import org.samdp.bounds.certify.GaussianKlBound;
import org.samdp.bounds.perturbation.Norm;

/**
 * Certificates of a policy at a batch of observations (§6.5.1.4), by the bound engine:
 *
 * <ul>
 *   <li>Q networks (DQN): whether the greedy action is certified ({@link ActionCertificate}) and its certified radius.
 *   <li>Categorical policies: the same for the arg-max action, plus the KL bound.
 *   <li>Gaussian policies (PPO): the KL bound and the action-change bounds of the mean action (deterministic
 *       evaluation acts by the mean).
 *   <li>Deterministic actors (DDPG): the action-change bounds of the action.
 * </ul>
 *
 * <p>Recurrent policies are certified along episodes ({@link #alongEpisodes}): at each step over ℓ∞ perturbations
 * of every observation since the episode started, the last {@code window} through the unrolled cell and the earlier
 * ones through an IBP box of the state entering the window ({@link HistoryBounds}); no certified radius search.
 *
 * <p>With several bound methods, each certificate takes the best of them: an action is certified when any method
 * certifies it, and output bounds are the intersection of every method's (all are sound, so their intersection is).
 * The papers use CROWN for vanilla agents and IBP for SA agents; IBP and CROWN together cover both. List the cheaper
 * method first: later methods only see the states that earlier ones left uncertified.
 */
public final class Certifier {
  /** How many of the last observations a recurrent policy's certificate bounds through the cell by default. */
  public static final int DEFAULT_WINDOW = 4;

  private final Policy policy;
  private final BoundedNetwork bounded;
  private final List<BoundMethod> methods;
  private final double maxRadius;
  private final double radiusTolerance;
  private final int window;
  private final Map<Integer, BoundedNetwork> histories = new HashMap<>();

  /**
   * A certifier with the default window for recurrent policies.
   *
   * @param methods the bound methods, at least one
   * @param maxRadius the largest ε the certified radius search tries; 0 skips the search (it needs a discrete action)
   * @param radiusTolerance how close the radius search gets, {@code > 0}
   */
  public Certifier(Policy policy, List<BoundMethod> methods, double maxRadius, double radiusTolerance) {
    this(policy, methods, maxRadius, radiusTolerance, DEFAULT_WINDOW);
  }

  /**
   * @param methods the bound methods, at least one
   * @param maxRadius the largest ε the certified radius search tries; 0 skips the search (it needs a discrete action
   *     and a feed-forward policy)
   * @param radiusTolerance how close the radius search gets, {@code > 0}
   * @param window how many of the last observations a recurrent policy's certificate bounds through the cell,
   *     {@code >= 1} (ignored for feed-forward policies)
   */
  public Certifier(Policy policy, List<BoundMethod> methods, double maxRadius, double radiusTolerance, int window) {
    if (methods.isEmpty()) {
      throw new IllegalArgumentException("a certifier needs at least one bound method");
    }
    if (!(maxRadius >= 0) || (maxRadius > 0 && !(radiusTolerance > 0))) {
      throw new IllegalArgumentException("certified radius search needs maxRadius >= 0 and a positive tolerance, got "
          + maxRadius + " and " + radiusTolerance);
    }
    if (window < 1) {
      throw new IllegalArgumentException("the certificate window must be at least 1 step, got " + window);
    }
    this.policy = policy.detached();
    this.bounded = policy.isStateful() ? null : new BoundedNetwork(this.policy.network());
    this.methods = List.copyOf(methods);
    this.maxRadius = policy.kind().isDiscrete() && !policy.isStateful() ? maxRadius : 0;
    this.radiusTolerance = radiusTolerance;
    this.window = window;
  }

  /** The largest radius the certified radius search tries (0: no search). */
  public double maxRadius() {
    return maxRadius;
  }

  /** How many of the last observations a recurrent policy's certificate bounds through the cell. */
  public int window() {
    return window;
  }

  /**
   * A certifier of every step of one evaluation's episodes: {@link #certify} for a feed-forward policy; for a
   * recurrent one, certificates over each episode's whole history.
   *
   * @throws IllegalArgumentException for a stateful policy that is not a {@link RecurrentPolicy}
   */
  public EpisodeCertifier alongEpisodes() {
    if (bounded != null) {
      return (states, episodes, threat) -> certify(states, threat);
    }
    if (!(policy instanceof RecurrentPolicy recurrent)) {
      throw new IllegalArgumentException("the bound engine certifies recurrent policies only, not "
          + policy.getClass().getSimpleName());
    }
    HistoryBounds steps = new HistoryBounds(recurrent, this::history, window);
    return (states, episodes, threat) -> certify(steps.advance(states, episodes, threat));
  }

  /** The bound engine over the recurrent policy's history network of {@code length} steps, built once. */
  private BoundedNetwork history(int length) {
    return histories.computeIfAbsent(length,
        n -> new BoundedNetwork(((RecurrentPolicy) policy).recurrentNetwork().history(n)));
  }

  private Certificates certify(HistoryBounds.Step step) {
    boolean[] certified = null;
    if (policy.kind().isDiscrete()) {
      for (BoundMethod method : methods) {
        boolean[] byMethod = step.certified(method);
        certified = certified == null ? byMethod : or(certified, byMethod);
      }
    }
    Bounds bounds = null;
    for (BoundMethod method : methods) {
      bounds = intersect(bounds, step.bounds(method));
    }
    return fromBounds(certified, null, bounds, step.clean(), null);
  }

  /**
   * The certificates of a feed-forward policy at {@code states} {@code [B, ...shape]} over B(s) of {@code threat}.
   *
   * @throws IllegalStateException for a recurrent policy, whose certificates need the history
   *     ({@link #alongEpisodes})
   */
  public Certificates certify(NDArray states, ThreatModel threat) {
    if (bounded == null) {
      throw new IllegalStateException("a recurrent policy is certified over its histories: use alongEpisodes()");
    }
    boolean[] certified = null;
    double[] radius = null;
    if (policy.kind().isDiscrete()) {
      certified = certifiedByAnyMethod(states, threat);
      if (maxRadius > 0) {
        radius = new double[certified.length];
        for (BoundMethod method : methods) {
          double[] byMethod = CertifiedRadius.search(bounded, states, Norm.INF, maxRadius, radiusTolerance, method);
          for (int b = 0; b < radius.length; b++) {
            radius[b] = Math.max(radius[b], byMethod[b]);
          }
        }
      }
    }
    PolicyKind kind = policy.kind();
    if (!kind.isStochastic() && kind != PolicyKind.DETERMINISTIC) {
      return new Certificates(certified, null, null, null, null, null, radius);
    }
    Bounds bounds = null;
    for (BoundMethod method : methods) {
      bounds = intersect(bounds, bounded.compute(threat.ball(states), method));
    }
    ActionDistribution clean = kind.isStochastic() ? policy.distribution(states) : null;
    return fromBounds(certified, radius, bounds, clean, clean == null ? policy.actDeterministic(states) : null);
  }

  /**
   * The KL and action-change certificates from the output bounds.
   *
   * @param clean the distribution at the true observations, or null for a deterministic actor
   * @param action the deterministic actor's action, or null
   */
  private Certificates fromBounds(boolean[] certified, double[] radius, Bounds bounds, ActionDistribution clean,
      NDArray action) {
    double[] klBound = null;
    ActionChangeBound change = null;
    if (clean != null) {
      // A KL divergence is never negative; the bound's float32 cancellation can fall a hair below 0 at ε ≈ 0.
      klBound = doubles(Scalars.maximum(klBound(clean, bounds), 0));
    }
    if (clean instanceof DiagonalGaussian gaussian) {
      change = ActionChangeBound.fromBounds(gaussian.mean(), bounds);
    } else if (action != null) {
      change = ActionChangeBound.fromBounds(action, bounds);
    }
    return change == null
        ? new Certificates(certified, klBound, null, null, null, null, radius)
        : new Certificates(certified, klBound, change.l1(), change.l2(), change.linf(), change.meanRange(), radius);
  }

  /** The KL bound; a Gaussian's σ is state-independent, so the clean distribution's is every state's. */
  private NDArray klBound(ActionDistribution clean, Bounds bounds) {
    return clean instanceof DiagonalGaussian gaussian
        ? GaussianKlBound.fromBounds(gaussian.mean(), bounds, gaussian.logStd().exp())
        : PolicyKlBound.fromBounds(policy, clean, bounds);
  }

  /** Both bounds are sound, so their intersection is. */
  private static Bounds intersect(Bounds bounds, Bounds byMethod) {
    return bounds == null ? byMethod
        : new Bounds(bounds.lower().maximum(byMethod.lower()), bounds.upper().minimum(byMethod.upper()));
  }

  private static boolean[] or(boolean[] a, boolean[] b) {
    boolean[] either = new boolean[a.length];
    for (int i = 0; i < a.length; i++) {
      either[i] = a[i] || b[i];
    }
    return either;
  }

  /**
   * Each method in turn on the states the earlier ones left uncertified: the same answer as every method on every
   * state, and the states that IBP already certifies never reach the costlier CROWN.
   */
  private boolean[] certifiedByAnyMethod(NDArray states, ThreatModel threat) {
    boolean[] certified = new boolean[Math.toIntExact(states.getShape().get(0))];
    for (BoundMethod method : methods) {
      long[] open = IntStream.range(0, certified.length).filter(b -> !certified[b]).asLongStream().toArray();
      if (open.length == 0) {
        break;
      }
      NDArray subset = open.length == certified.length ? states : states.get(states.getManager().create(open));
      boolean[] byMethod = ActionCertificate.certify(bounded, threat.ball(subset), method).certified();
      for (int k = 0; k < open.length; k++) {
        certified[(int) open[k]] = byMethod[k];
      }
    }
    return certified;
  }

  private static double[] doubles(NDArray values) {
    return values.toType(DataType.FLOAT64, false).toDoubleArray();
  }
}
