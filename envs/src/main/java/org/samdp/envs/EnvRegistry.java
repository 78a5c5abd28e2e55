package org.samdp.envs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.samdp.envs.bridge.RemoteEnv;
import org.samdp.envs.bridge.RemoteId;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Discrete;
import org.samdp.envs.wrappers.TimeLimit;

/**
 * Makes environments by Gymnasium id ({@code CartPole-v1}, {@code Hopper-v4}, ...), like {@code gymnasium.make}:
 * the env is built from its registration and wrapped in a {@link TimeLimit} when the registration (or the caller)
 * gives one.
 */
public final class EnvRegistry {

  /** Builds an env from keyword arguments (Gymnasium's {@code make(id, **kwargs)}); rejects unknown keys. */
  @FunctionalInterface
  public interface Factory {
    Env<?, ?> create(Map<String, Object> kwargs);
  }

  private record Registration(EnvSpec spec, Factory factory) {}

  private static final Map<String, Registration> REGISTRY = new TreeMap<>();
  private static final List<String> BUILTIN_IDS;

  static {
    BuiltinEnvs.registerAll();
    BUILTIN_IDS = List.copyOf(REGISTRY.keySet());
  }

  private EnvRegistry() {}

  /** Registers (or replaces) an id. */
  public static synchronized void register(EnvSpec spec, Factory factory) {
    REGISTRY.put(spec.id(), new Registration(spec, factory));
  }

  /** Every registered spec, sorted by id. */
  public static synchronized List<EnvSpec> specs() {
    return REGISTRY.values().stream().map(Registration::spec).toList();
  }

  /** The ids samdp ships (registered before any caller could add its own), sorted. */
  public static List<String> builtinIds() {
    return BUILTIN_IDS;
  }

  /** The registration of an id; unknown ids get an error that suggests the closest ones. */
  public static synchronized EnvSpec spec(String id) {
    return registration(id).spec();
  }

  /** {@code make(id, {}, null)}: the registered time limit applies. */
  public static Env<?, ?> make(String id) {
    return make(id, Map.of(), null);
  }

  /**
   * Makes an env. A remote id ({@code grpc://HOST:PORT/ENV_ID}, {@code grpcs://...}, {@code samdp:ENV_ID}; see
   * {@link org.samdp.envs.bridge.RemoteId}) gives a {@link org.samdp.envs.bridge.RemoteEnv} on that bridge server, with
   * the server's registration and time limit.
   *
   * @param kwargs constructor arguments of the env (e.g. {@code g} for Pendulum)
   * @param maxEpisodeSteps overrides the registered time limit; {@code null} keeps it, {@code -1} disables it
   */
  public static Env<?, ?> make(String id, Map<String, Object> kwargs, Integer maxEpisodeSteps) {
    if (RemoteId.isRemote(id)) {
      return RemoteEnv.open(id, kwargs, maxEpisodeSteps);
    }
    Registration registration;
    synchronized (EnvRegistry.class) {
      registration = registration(id);
    }
    if (maxEpisodeSteps != null && (maxEpisodeSteps == 0 || maxEpisodeSteps < -1)) {
      throw new IllegalArgumentException(
          "maxEpisodeSteps must be positive, or -1 to disable the time limit; got " + maxEpisodeSteps);
    }
    int limit = maxEpisodeSteps == null ? registration.spec().maxEpisodeSteps() : maxEpisodeSteps;
    EnvSpec spec = new EnvSpec(id, Math.max(limit, 0), registration.spec().rewardThreshold(),
        registration.spec().nondeterministic());
    Env<?, ?> env = registration.factory().create(kwargs);
    if (env.unwrapped() instanceof BaseEnv<?, ?> base) {
      base.bindSpec(spec);
    }
    return limit > 0 ? timeLimited(env, limit) : env;
  }

  private static <O, A> Env<O, A> timeLimited(Env<O, A> env, int limit) {
    return new TimeLimit<>(env, limit);
  }

  /** Makes an env with a Box observation space and a Discrete action space (CartPole, Acrobot, ...). */
  @SuppressWarnings("unchecked")
  public static Env<double[], Integer> makeDiscrete(String id) {
    Env<?, ?> env = make(id);
    requireSpaces(env, Discrete.class);
    return (Env<double[], Integer>) env;
  }

  /** Makes an env with Box observation and action spaces (Pendulum, Hopper, ...). */
  @SuppressWarnings("unchecked")
  public static Env<double[], double[]> makeContinuous(String id) {
    Env<?, ?> env = make(id);
    requireSpaces(env, Box.class);
    return (Env<double[], double[]>) env;
  }

  private static void requireSpaces(Env<?, ?> env, Class<?> actionSpaceType) {
    if (!(env.observationSpace() instanceof Box) || !actionSpaceType.isInstance(env.actionSpace())) {
      String id = env.spec().id();
      env.close();
      throw new IllegalArgumentException(id + " has observation space " + env.observationSpace()
          + " and action space " + env.actionSpace() + "; expected a Box observation space and a "
          + actionSpaceType.getSimpleName() + " action space");
    }
  }

  private static Registration registration(String id) {
    Registration registration = REGISTRY.get(id);
    if (registration == null) {
      throw new UnknownEnvException(id, closestIds(id));
    }
    return registration;
  }

  /**
   * Registered ids closest to {@code id}: other versions of the same env first (newest first), then ids within a
   * small case-insensitive edit distance, best first.
   */
  static List<String> closestIds(String id) {
    String query = id.toLowerCase(Locale.ROOT);
    String family = withoutVersion(query);
    List<String> sameFamily = new ArrayList<>();
    List<String> similar = new ArrayList<>();
    for (String known : REGISTRY.keySet()) {
      String lower = known.toLowerCase(Locale.ROOT);
      if (withoutVersion(lower).equals(family)) {
        sameFamily.add(known);
      } else if (editDistance(query, lower) <= Math.max(3, query.length() / 3)) {
        similar.add(known);
      }
    }
    sameFamily.sort(Comparator.reverseOrder());
    similar.sort(Comparator.comparingInt((String k) -> editDistance(query, k.toLowerCase(Locale.ROOT)))
        .thenComparing(Comparator.naturalOrder()));
    List<String> closest = new ArrayList<>(sameFamily);
    closest.addAll(similar);
    return closest.subList(0, Math.min(3, closest.size()));
  }

  private static String withoutVersion(String id) {
    return id.replaceAll("-v\\d+$", "");
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** An id that nothing is registered under. */
  public static final class UnknownEnvException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnknownEnvException(String id, List<String> suggestions) {
      super("unknown environment id '" + id + "'"
          + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", suggestions) + "?")
          + " (`samdp envs list` shows every id)");
    }
  }
}
