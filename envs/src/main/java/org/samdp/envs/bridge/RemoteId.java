package org.samdp.envs.bridge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a remote env lives and what to make there, parsed from an id:
 *
 * <ul>
 *   <li>{@code grpc://HOST:PORT/ENV_ID} — a bridge server over plaintext ({@code grpc://127.0.0.1:50051/ALE/Pong-v5});
 *   <li>{@code grpcs://HOST:PORT/ENV_ID} — over TLS (trusting the CA file named by {@code SAMDP_BRIDGE_CA}, else the
 *       system's CAs);
 *   <li>{@code samdp:ENV_ID} — the server named by {@code SAMDP_BRIDGE_ADDRESS} ({@code HOST:PORT} or a
 *       {@code grpc://} / {@code grpcs://} address; default {@code grpc://127.0.0.1:50051}), the variable the Python
 *       package reads too.
 * </ul>
 *
 * <p>A query string gives the env's kwargs, {@code ?frameskip=4&repeat_action_probability=0.0}; values that read as
 * integers, decimals or {@code true}/{@code false} are sent as such, others as strings. The key
 * {@code max_episode_steps} sets the time limit instead (-1 removes it), as in {@code gymnasium.make}.
 *
 * @param host the server's host name or address
 * @param port its port
 * @param tls whether to connect with TLS
 * @param envId the id on the server ({@code ALE/Pong-v5}, {@code Hopper-v4})
 * @param kwargs keyword arguments for the env's constructor
 * @param maxEpisodeSteps the time limit to ask for, or null for the registered one
 */
public record RemoteId(String host, int port, boolean tls, String envId, Map<String, Object> kwargs,
    Integer maxEpisodeSteps) {
  /** The environment variable that names the server of {@code samdp:} ids (and of Python's {@code samdp/} ids). */
  public static final String ADDRESS_VARIABLE = "SAMDP_BRIDGE_ADDRESS";
  /** The environment variable naming a PEM file of CA certificates to trust for {@code grpcs://} servers. */
  public static final String CA_VARIABLE = "SAMDP_BRIDGE_CA";

  private static final String SHORT_PREFIX = "samdp:";

  public RemoteId {
    kwargs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
  }

  /** True for ids this class parses (and {@link org.samdp.envs.EnvRegistry#make} hands to {@link RemoteEnv}). */
  public static boolean isRemote(String id) {
    return id.startsWith("grpc://") || id.startsWith("grpcs://") || id.startsWith(SHORT_PREFIX);
  }

  public static RemoteId parse(String id) {
    if (id.startsWith(SHORT_PREFIX)) {
      String address = System.getenv(ADDRESS_VARIABLE);
      if (address == null || address.isBlank()) {
        address = "grpc://127.0.0.1:" + BridgeServer.DEFAULT_PORT;
      } else if (!address.contains("://")) {
        address = "grpc://" + address;
      }
      return parse(address.replaceAll("/+$", "") + "/" + id.substring(SHORT_PREFIX.length()));
    }
    String usage = "; remote env ids look like grpc://HOST:PORT/ENV_ID, grpcs://HOST:PORT/ENV_ID or samdp:ENV_ID";
    boolean tls = id.startsWith("grpcs://");
    if (!tls && !id.startsWith("grpc://")) {
      throw new IllegalArgumentException("'" + id + "' is not a remote env id" + usage);
    }
    String rest = id.substring(tls ? "grpcs://".length() : "grpc://".length());
    int slash = rest.indexOf('/');
    if (slash < 0 || slash == rest.length() - 1) {
      throw new IllegalArgumentException("'" + id + "' names no environment after the server address" + usage);
    }
    String authority = rest.substring(0, slash);
    String path = rest.substring(slash + 1);
    String query = "";
    int question = path.indexOf('?');
    if (question >= 0) {
      query = path.substring(question + 1);
      path = path.substring(0, question);
    }
    int colon = authority.lastIndexOf(':');
    if (colon <= 0 || colon < authority.lastIndexOf(']')) {
      throw new IllegalArgumentException("'" + id + "' needs a port in its address (HOST:PORT)" + usage);
    }
    String host = authority.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(authority.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + id + "' has port '" + authority.substring(colon + 1)
          + "', which is not a number" + usage, e);
    }
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("'" + id + "' has port " + port + ", outside 1..65535");
    }
    Map<String, Object> kwargs = new LinkedHashMap<>();
    Integer maxEpisodeSteps = null;
    for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("'" + id + "' has the query part '" + pair + "'; write key=value");
      }
      String key = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
      Object value = literal(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      if (key.equals("max_episode_steps")) {
        if (!(value instanceof Long steps) || steps != (int) (long) steps) {
          throw new IllegalArgumentException("max_episode_steps must be an integer, got " + value);
        }
        maxEpisodeSteps = (int) (long) steps;
      } else {
        kwargs.put(key, value);
      }
    }
    return new RemoteId(host, port, tls, URLDecoder.decode(path, StandardCharsets.UTF_8), kwargs, maxEpisodeSteps);
  }

  /** {@code host:port} as gRPC targets write it. */
  public String target() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return (tls ? "grpcs://" : "grpc://") + target() + "/" + envId;
  }

  private static Object literal(String text) {
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    if (text.matches("[-+]?\\d+")) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException tooLarge) {
        return text;
      }
    }
    if (text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      return Double.parseDouble(text);
    }
    return text;
  }
}
