package org.samdp.experiments.importer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.samdp.agents.algo.Algorithm;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.ppo.PpoConfig;
import org.samdp.experiments.torch.TorchCheckpoint;

/**
 * An SA_PPO or ATLA file as a PPO or SA-PPO agent: the Gaussian policy (an MLP, or ATLA's LSTM as a recurrent policy)
 * with its ZFilter, the value network as PPO's critic, and an ATLA file's adversary (MLP or LSTM).
 */
final class PpoImport {
  /** The agent's policy, its value network's parameters and the configuration keys its architecture sets. */
  private record Networks(Policy policy, List<NDArray> value, List<String> overrides) {}

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
    Networks networks = PpoAgentFile.isRecurrent(agent.policy()) ? recurrent(agent, name, shape, manager)
        : mlp(agent, name, shape, manager);
    if (agent.filter().mean().length != shape.observationSize()) {
      throw new IllegalArgumentException(name + "'s normaliser is for " + agent.filter().mean().length
          + " observation values, " + env + " has " + shape.observationSize());
    }
    Policy adversary = agent.adversary() == null ? null : adversary(agent.adversary(), name, shape, manager);
    String algorithm = options.algorithm() != null ? options.algorithm()
        : format == ImportFormat.ATLA ? Algorithms.PPO.name() : ReleaseNames.algorithm(options.file());
    Algorithm<PpoConfig> family = algorithm.equals(Algorithms.SA_PPO.name()) ? Algorithms.SA_PPO : Algorithms.PPO;
    if (!algorithm.equals(family.name())) {
      throw new IllegalArgumentException("--algo must be ppo or sa-ppo for the authors' PPO agents, got " + algorithm);
    }
    boolean needsEps = adversary != null || family.robust();
    Double eps = options.eps() != null ? options.eps() : needsEps ? ReleaseNames.eps(env).orElseThrow(() ->
        new IllegalArgumentException("the papers give no eps for " + env + "; pass --eps")) : null;
    AgentImport.checkEps(eps, "in normalized observation space");
    List<String> overrides = new ArrayList<>(networks.overrides());
    overrides.addAll(List.of("ppo.normalizeObservations=true", "ppo.observationClip=" + agent.filter().clip()));
    if (family.robust()) {
      overrides.add("robust.eps=" + eps);
    }
    PpoConfig config = family.config(env, null, overrides);
    return new ImportedAgent(config, eps, notes(format, options.algorithm() == null, algorithm), networks.policy(),
        TensorFile.named(Algorithm.VALUE, networks.value()), adversary, Map.of());
  }

  /** The MLP policy and value network; samdp's PPO runs share their hidden widths. */
  private static Networks mlp(PpoAgentFile agent, String name, EnvShape shape, NDManager manager) {
    MlpLayers mean = PpoAgentFile.meanLayers(agent.policy());
    shape.check(name + "'s policy", mean.inputSize(), mean.outputSize(), shape.actionSize());
    MlpLayers value = agent.valueLayers();
    shape.check(name + "'s value network", value.inputSize(), value.outputSize(), 1);
    if (!value.hidden().equals(mean.hidden())) {
      throw new IllegalArgumentException(name + ": the value network's hidden widths " + value.hidden()
          + " differ from the policy's " + mean.hidden() + "; samdp's PPO runs share them");
    }
    return new Networks(PpoAgentFile.gaussian(agent.policy(), mean, agent.filter().normalizer(), manager),
        value.build(agent.value(), manager).parameters(),
        List.of("ppo.hidden=" + mean.hidden(), "ppo.activation=tanh"));
  }

  /** ATLA's LSTM policy and value network; samdp's recurrent PPO runs share their embedding and hidden sizes. */
  private static Networks recurrent(PpoAgentFile agent, String name, EnvShape shape, NDManager manager) {
    LstmLayers mean = PpoAgentFile.recurrentMeanLayers(agent.policy());
    shape.check(name + "'s policy", mean.inputSize(), mean.outputSize(), shape.actionSize());
    if (!PpoAgentFile.isRecurrent(agent.value())) {
      throw new IllegalArgumentException(name + " has an LSTM policy and a feed-forward value network; samdp's"
          + " recurrent PPO runs have a recurrent value network");
    }
    LstmLayers value = agent.recurrentValueLayers();
    shape.check(name + "'s value network", value.inputSize(), value.outputSize(), 1);
    if (value.embedding() != mean.embedding() || value.hidden() != mean.hidden()) {
      throw new IllegalArgumentException(name + ": the value network's embedding and LSTM sizes (" + value.embedding()
          + ", " + value.hidden() + ") differ from the policy's (" + mean.embedding() + ", " + mean.hidden()
          + "); samdp's recurrent PPO runs share them");
    }
    return new Networks(PpoAgentFile.recurrentGaussian(agent.policy(), mean, agent.filter().normalizer(), manager),
        value.build(agent.value(), manager).parameters(), List.of("recurrent.cell=lstm",
        "recurrent.embedding=" + mean.embedding(), "recurrent.hidden=" + mean.hidden()));
  }

  /** The adversary (MLP or LSTM) over the agent's normalized observations, one output per observation value. */
  private static Policy adversary(StateDict dict, String name, EnvShape shape, NDManager manager) {
    ObservationNormalizer identity = ObservationNormalizer.identity(shape.observationSize());
    if (PpoAgentFile.isRecurrent(dict)) {
      LstmLayers mean = PpoAgentFile.recurrentMeanLayers(dict);
      shape.check(name + "'s adversary", mean.inputSize(), mean.outputSize(), shape.observationSize());
      return PpoAgentFile.recurrentGaussian(dict, mean, identity, manager);
    }
    MlpLayers mean = PpoAgentFile.meanLayers(dict);
    shape.check(name + "'s adversary", mean.inputSize(), mean.outputSize(), shape.observationSize());
    return PpoAgentFile.gaussian(dict, mean, identity, manager);
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
