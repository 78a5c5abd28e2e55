package org.samdp.experiments.importer;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.samdp.agents.algo.Algorithm;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.ppo.PpoConfig;
import org.samdp.experiments.torch.TorchCheckpoint;

/**
 * An SA_PPO or ATLA file as a PPO or SA-PPO agent: the Gaussian policy with its ZFilter, the value network as PPO's
 * critic, and an ATLA file's adversary.
 */
final class PpoImport {
  private PpoImport() {}

  /**
   * The agent of {@code checkpoint}, checked against the env's sizes.
   *
   * @throws IllegalArgumentException naming what does not fit
   */
  static ImportedAgent of(TorchCheckpoint checkpoint, ImportFormat format, AgentImport.Options options,
      EnvShape shape, NDManager manager) {
    String name = options.file().getFileName().toString();
    String env = shape.env();
    PpoAgentFile agent = PpoAgentFile.of(checkpoint, name, format == ImportFormat.ATLA);
    MlpLayers mean = PpoAgentFile.meanLayers(agent.policy());
    shape.check(name + "'s policy", mean.inputSize(), mean.outputSize(), shape.actionSize());
    MlpLayers value = agent.valueLayers();
    shape.check(name + "'s value network", value.inputSize(), value.outputSize(), 1);
    if (!value.hidden().equals(mean.hidden())) {
      throw new IllegalArgumentException(name + ": the value network's hidden widths " + value.hidden()
          + " differ from the policy's " + mean.hidden() + "; samdp's PPO runs share them");
    }
    if (agent.filter().mean().length != shape.observationSize()) {
      throw new IllegalArgumentException(name + "'s normaliser is for " + agent.filter().mean().length
          + " observation values, " + env + " has " + shape.observationSize());
    }
    MlpLayers adversaryMean = agent.adversary() == null ? null : PpoAgentFile.meanLayers(agent.adversary());
    if (adversaryMean != null) {
      shape.check(name + "'s adversary", adversaryMean.inputSize(), adversaryMean.outputSize(),
          shape.observationSize());
    }
    String algorithm = options.algorithm() != null ? options.algorithm()
        : format == ImportFormat.ATLA ? Algorithms.PPO.name() : ReleaseNames.algorithm(options.file());
    Algorithm<PpoConfig> family = algorithm.equals(Algorithms.SA_PPO.name()) ? Algorithms.SA_PPO : Algorithms.PPO;
    if (!algorithm.equals(family.name())) {
      throw new IllegalArgumentException("--algo must be ppo or sa-ppo for the authors' PPO agents, got " + algorithm);
    }
    boolean needsEps = adversaryMean != null || family.robust();
    Double eps = options.eps() != null ? options.eps() : needsEps ? ReleaseNames.eps(env).orElseThrow(() ->
        new IllegalArgumentException("the papers give no eps for " + env + "; pass --eps")) : null;
    AgentImport.checkEps(eps, "in normalized observation space");
    List<String> overrides = new ArrayList<>(List.of("ppo.hidden=" + mean.hidden(), "ppo.activation=tanh",
        "ppo.normalizeObservations=true", "ppo.observationClip=" + agent.filter().clip()));
    if (family.robust()) {
      overrides.add("robust.eps=" + eps);
    }
    PpoConfig config = family.config(env, null, overrides);
    GaussianPolicy policy = PpoAgentFile.gaussian(agent.policy(), mean, agent.filter().normalizer(), manager);
    GaussianPolicy adversary = adversaryMean == null ? null : PpoAgentFile.gaussian(agent.adversary(),
        adversaryMean, ObservationNormalizer.identity(shape.observationSize()), manager);
    return new ImportedAgent(config, eps, notes(format, options.algorithm() == null, algorithm), policy,
        TensorFile.named(Algorithm.VALUE, value.build(agent.value(), manager).parameters()), adversary);
  }

  private static List<String> notes(ImportFormat format, boolean algorithmFromName, String algorithm) {
    List<String> notes = new ArrayList<>();
    notes.add("observations normalized as the authors' ZFilter does: clip((x - mean) / (sqrt(var) + 1e-8), +-clip)");
    if (format == ImportFormat.ATLA) {
      notes.add("an ATLA agent, recorded as ppo: samdp has no ATLA algorithm yet");
      notes.add("its adversary is the run's imported optimal attacker");
    } else if (algorithmFromName) {
      notes.add("algorithm " + algorithm + " told from the file name; --algo sets it");
    }
    return notes;
  }
}
