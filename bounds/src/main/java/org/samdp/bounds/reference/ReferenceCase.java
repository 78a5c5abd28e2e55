package org.samdp.bounds.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.BoundSide;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.perturbation.InputBox;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;
import org.samdp.bounds.perturbation.Perturbation;

/**
 * One case of {@code shared/reference/bounds}: a network, an input set, an optional specification and auto_LiRPA's
 * bounds, with the empirical extremes that any sound bound must contain. Cases are computed in float64.
 */
public final class ReferenceCase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private final JsonNode root;

  private ReferenceCase(Path file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  /**
   * Reads a case file.
   *
   * @throws IOException if the file cannot be read or is not JSON
   */
  public static ReferenceCase load(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !root.has("network") || !root.has("input")) {
      throw new IOException(file + " is not a bound reference case: it needs 'network' and 'input'");
    }
    return new ReferenceCase(file, root);
  }

  /**
   * The method the reference bounds were computed with.
   *
   * @throws IllegalArgumentException for a method this engine does not implement
   */
  public BoundMethod method() {
    return BoundMethod.parse(root.path("method").asText());
  }

  /** Whether an engine with the same relaxations should reproduce the reference bounds exactly. */
  public boolean exactReproductionExpected() {
    return root.path("method_options").path("exact_reproduction_expected").asBoolean(false);
  }

  /** The reference lower bounds. */
  public double[][] lower() {
    return JsonArrays.toMatrix(root.get("lower"), "lower");
  }

  /** The reference upper bounds. */
  public double[][] upper() {
    return JsonArrays.toMatrix(root.get("upper"), "upper");
  }

  /** The smallest values found inside the input set by sampling and PGD. */
  public double[][] empiricalMin() {
    return JsonArrays.toMatrix(root.get("empirical_min"), "empirical_min");
  }

  /** The largest values found inside the input set by sampling and PGD. */
  public double[][] empiricalMax() {
    return JsonArrays.toMatrix(root.get("empirical_max"), "empirical_max");
  }

  /** The network, with float64 parameters owned by {@code manager}. */
  public Network network(NDManager manager) {
    return NetworkJson.read(root.get("network"), manager);
  }

  /**
   * The input set, in float64; recurrent cases may perturb only some time steps ({@code perturbed_steps}).
   *
   * @throws IllegalArgumentException if a perturbed step lies outside the sequence
   */
  public Perturbation input(NDManager manager) {
    JsonNode input = root.get("input");
    if (input.has("center")) {
      LpBall ball = LpBall.of(JsonArrays.toArray(input.get("center"), manager, "center"),
          Norm.parse(input.path("norm").asText()), input.path("eps").asDouble());
      return input.has("perturbed_steps") ? ball.atSteps(JsonArrays.toInts(input.get("perturbed_steps"))) : ball;
    }
    return new InputBox(JsonArrays.toArray(input.get("lower"), manager, "input lower"),
        JsonArrays.toArray(input.get("upper"), manager, "input upper"));
  }

  /** The specification {@code C}, {@code [B, S, n]}, or null. */
  public NDArray spec(NDManager manager) {
    JsonNode spec = root.get("spec");
    return spec == null || spec.isNull() ? null : JsonArrays.toArray(spec.get("C"), manager, "spec C");
  }

  /** Bounds of this case by {@code method}, in float64 on the CPU. */
  public BoundMatrices compute(BoundMethod method) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Bounds bounds = new BoundedNetwork(network(manager))
          .compute(input(manager), method, spec(manager), BoundSide.BOTH);
      return new BoundMatrices(bounds.lowerMatrix(), bounds.upperMatrix());
    }
  }
}
