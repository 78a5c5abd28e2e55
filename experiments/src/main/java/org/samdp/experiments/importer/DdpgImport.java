package org.samdp.experiments.importer;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.samdp.agents.algo.Algorithm;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.ddpg.Critic;
import org.samdp.agents.ddpg.DdpgConfig;
import org.samdp.agents.ddpg.DdpgTrainer;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.policy.DeterministicPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicySpec;
import org.samdp.bounds.network.Network;
import org.samdp.envs.mujoco.MuJoCoEnvs;
import org.samdp.experiments.presets.Preset;
import org.samdp.experiments.torch.TorchCheckpoint;

/**
 * An SA_DDPG file as a DDPG or SA-DDPG agent, in the networks {@link DdpgTrainer} builds: the actor (ReLU hidden
 * layers, tanh output, not rescaled) as a {@link DeterministicPolicy} on raw observations, the critic on
 * {@code concat(s, a)} as the checkpoint's {@value Algorithm#CRITIC}. The configuration is the authors' for the env and
 * variant (the {@code ddpg} preset of that env, {@code -sgld} for SGLD: κ, ε in state stds, critic learning rate) with
 * the file's hidden widths. The agent's Robust Sarsa files beside it ({@code <file>_sarsa_*}, which hold its actor
 * unchanged and Q_RS as the critic) become the run's RS attackers, so that {@code samdp attack --attack rs} uses the
 * authors' critics (Q_RS(s₀, π(ŝ)), the RS attack of their DDPG code). A Robust Sarsa file imported by itself gives
 * the agent with Q_RS as its critic, whose critic attack is that RS attack.
 */
final class DdpgImport {
  /** What the names of the release's Robust Sarsa files hold: {@code model_best.model_sarsa_<settings>}. */
  static final String SARSA = "_sarsa_";

  private DdpgImport() {}

  /**
   * The agent of {@code checkpoint}, checked against the env's sizes.
   *
   * @throws IllegalArgumentException naming what does not fit (Ant-v2's 111 observations on an Ant of 27 among them)
   */
  static ImportedAgent of(TorchCheckpoint checkpoint, AgentImport.Options options, EnvShape shape,
      NDManager manager) {
    String name = options.file().getFileName().toString();
    String env = shape.env();
    StateDict dict = new StateDict(name, (Map<?, ?>) checkpoint.root());
    DdpgNetworks networks = DdpgNetworks.of(dict);
    MlpLayers actorLayers = networks.actor();
    if (env.startsWith("Ant") && actorLayers.inputSize() == 111 && shape.observationSize() != 111) {
      throw new IllegalArgumentException(name + "'s actor takes Ant-v2's 111 observation values (27 positions and"
          + " velocities, 84 contact forces); " + env + " observes " + shape.observationSize() + ": import it with"
          + " --env " + MuJoCoEnvs.ANT_CONTACT_FORCES + " (Ant-v4 with use_contact_forces)");
    }
    shape.check(name + "'s actor", actorLayers.inputSize(), actorLayers.outputSize(), shape.actionSize());

    ReleaseNames.DdpgVariant variant = ReleaseNames.ddpgVariant(options.file());
    String algorithm = options.algorithm() != null ? options.algorithm() : variant.algorithm();
    if (!algorithm.equals(Algorithms.DDPG.name()) && !algorithm.equals(Algorithms.SA_DDPG.name())) {
      throw new IllegalArgumentException("--algo must be ddpg or sa-ddpg for the authors' DDPG agents, got "
          + algorithm);
    }
    boolean robust = algorithm.equals(Algorithms.SA_DDPG.name());
    Optional<Preset> preset = preset(env, variant.solver());
    Double eps = options.eps() != null ? options.eps() : preset.map(p -> Algorithms.SA_DDPG.config(env, null,
        p.overrides(true, false)).robust().eps()).orElse(null);
    if (eps == null && robust) {
      throw new IllegalArgumentException("the papers give no eps for " + env + "; pass --eps (in units of the state"
          + " std)");
    }
    AgentImport.checkEps(eps, "in units of the state std");
    List<String> overrides = new ArrayList<>(preset.map(p -> p.overrides(robust, false)).orElse(List.of()));
    overrides.add("ddpg.actorHidden=" + actorLayers.hidden());
    overrides.add("ddpg.criticHidden=" + networks.critic().hidden());
    overrides.add("ddpg.rescaleActions=false");
    overrides.add("robust.solver=" + variant.solver());
    if (eps != null) {
      // For DDPG too: the authors evaluate their vanilla agents at the SA agents' eps (their *_vanilla.json).
      overrides.add("robust.eps=" + eps);
    }
    DdpgConfig config = (robust ? Algorithms.SA_DDPG : Algorithms.DDPG).config(env, null, overrides);

    int observationSize = shape.observationSize();
    NetworkSpec actorSpec = DdpgTrainer.actorSpec(config.ddpg(), shape.actionSize());
    Network actor = actorLayers.copyInto(dict, actorSpec.build(new Shape(observationSize), manager,
        DataType.FLOAT32, 0));
    Network critic = networks.critic().copyInto(dict, Critic.spec(config.ddpg()).build(
        new Shape(observationSize + shape.actionSize()), manager, DataType.FLOAT32, 0));
    DeterministicPolicy policy = new DeterministicPolicy(new PolicySpec(PolicyKind.DETERMINISTIC,
        List.of(observationSize), actorSpec, shape.actionSize()), ObservationNormalizer.identity(observationSize),
        actor);
    Map<String, Network> sarsa = name.contains(SARSA) ? Map.of()
        : sarsaCritics(options.file(), dict, networks, config, observationSize + shape.actionSize(), manager);
    return new ImportedAgent(config, eps, notes(name, variant, options.algorithm() == null, preset, sarsa.keySet()),
        policy, TensorFile.named(Algorithm.CRITIC, critic.parameters()), null, sarsa);
  }

  /**
   * The Robust Sarsa critics beside an agent's file ({@code <file>_sarsa_*}), by file name, in samdp's critic
   * architecture.
   *
   * @throws IllegalArgumentException for one that is not the agent's: another layout, or another actor
   */
  private static Map<String, Network> sarsaCritics(Path file, StateDict agent, DdpgNetworks networks,
      DdpgConfig config, int inputs, NDManager manager) {
    String prefix = file.getFileName() + SARSA;
    List<Path> siblings;
    try (Stream<Path> listing = Files.list(file.toAbsolutePath().getParent())) {
      siblings = listing.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the folder of " + file + ": " + e.getMessage(), e);
    }
    Map<String, Network> critics = new LinkedHashMap<>();
    for (Path sibling : siblings) {
      String name = sibling.getFileName().toString();
      TorchCheckpoint checkpoint = TorchCheckpoint.read(sibling);
      if (ImportFormat.detect(checkpoint, name) != ImportFormat.SA_DDPG) {
        throw new IllegalArgumentException(name + " beside " + file.getFileName() + " is not an SA_DDPG Robust Sarsa"
            + " file; move it away to import the agent");
      }
      StateDict dict = new StateDict(name, (Map<?, ?>) checkpoint.root());
      DdpgNetworks sarsa = DdpgNetworks.of(dict);
      // Q_RS is a critic of this actor only: the release's Sarsa files keep the agent's actor unchanged.
      for (String layer : networks.actor().layers()) {
        for (String part : List.of(".weight", ".bias")) {
          if (!Arrays.equals(agent.tensor(layer + part).values(), dict.tensor(layer + part).values())) {
            throw new IllegalArgumentException(name + "'s actor differs from " + file.getFileName() + "'s ('" + layer
                + part + "'), so its Q_RS is not this agent's critic; move it away to import the agent");
          }
        }
      }
      critics.put(name, sarsa.critic().copyInto(dict, Critic.spec(config.ddpg()).build(new Shape(inputs), manager,
          DataType.FLOAT32, 0)));
    }
    return critics;
  }

  /**
   * The authors' setup of {@code env} for a solver: the {@code ddpg} preset of that env (of Ant-v4 for
   * {@value MuJoCoEnvs#ANT_CONTACT_FORCES}: the same Ant, observed as the authors observed it), if samdp has one.
   */
  static Optional<Preset> preset(String env, DdpgConfig.Solver solver) {
    String presetEnv = env.equals(MuJoCoEnvs.ANT_CONTACT_FORCES) ? "Ant-v4" : env;
    boolean sgld = solver == DdpgConfig.Solver.SGLD;
    for (String name : Preset.index().getOrDefault(Algorithms.DDPG.family(), List.of())) {
      Preset preset = Preset.load(name, Algorithms.DDPG.name());
      if (preset.env().equals(presetEnv) && name.endsWith("-sgld") == sgld) {
        return Optional.of(preset);
      }
    }
    return Optional.empty();
  }

  private static List<String> notes(String name, ReleaseNames.DdpgVariant variant, boolean algorithmFromName,
      Optional<Preset> preset, Set<String> sarsaFiles) {
    List<String> notes = new ArrayList<>();
    notes.add("raw observations (the identity normaliser); the actor's tanh output is clipped to the action bounds,"
        + " not rescaled, as the authors' code acts");
    if (algorithmFromName) {
      notes.add(variant.told() ? "algorithm and solver told from the release folder or file name; --algo sets the"
          + " algorithm" : "the name of " + name + " tells no variant: recorded as ddpg; --algo sets it");
    }
    if (!sarsaFiles.isEmpty()) {
      notes.add("its Robust Sarsa critics " + sarsaFiles + " are the run's RS attackers");
    }
    if (name.contains(SARSA)) {
      // The release's Sarsa files hold the agent's actor unchanged beside Q_RS (ReadOnlyLayoutsTest checks it).
      notes.add("a Robust Sarsa file: its critic is the agent's Q_RS, so this run's critic attack is the authors' RS"
          + " attack");
    }
    notes.add(preset.map(p -> "kappa, eps and learning rates of preset " + p.name() + " (the authors' config)")
        .orElse("no preset for this env: samdp's DDPG defaults"));
    notes.add("the checkpoint holds the actor and critic only (no target networks, optimiser moments or replay"
        + " buffer), so the run cannot be resumed");
    return notes;
  }
}
