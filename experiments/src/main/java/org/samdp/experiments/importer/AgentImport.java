package org.samdp.experiments.importer;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.samdp.adversaries.trained.AttackerKey;
import org.samdp.adversaries.trained.AttackerRun;
import org.samdp.adversaries.trained.OptimalAdversary;
import org.samdp.agents.algo.Algorithm;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.io.AtomicFiles;
import org.samdp.agents.io.Json;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.ppo.PpoConfig;
import org.samdp.agents.run.Checkpoints;
import org.samdp.agents.run.Provenance;
import org.samdp.agents.run.RunDirectory;
import org.samdp.agents.run.TrainerBase;
import org.samdp.bounds.network.Network;
import org.samdp.experiments.torch.TorchCheckpoint;

/**
 * Imports one of the authors' SA_PPO or ATLA agents as a samdp run directory: {@code config.yaml} (a resolved PPO or
 * SA-PPO configuration for the env), {@code provenance.json} naming the file and its SHA-256, and one checkpoint
 * {@code checkpoints/iter-000000} with the Gaussian policy and its ZFilter normaliser ({@link Policies}), the value
 * network ({@value TrainerBase#TRAINER_TENSORS}, {@code value}) and {@value TrainerBase#STATE}; an ATLA file's
 * adversary becomes the run's imported optimal attacker at ε ({@link AttackerRun#saveImported}). Everything is checked
 * before anything is written, and the directory is written whole or not at all.
 */
public final class AgentImport {
  /** The checkpoint an import writes. */
  static final int ITERATION = 0;

  /**
   * What to import and how.
   *
   * @param file the authors' checkpoint
   * @param out the new run directory
   * @param format the layout, or null to detect it
   * @param env the env id, or null for the one the file name names
   * @param eps the radius the agent was trained for and its adversary attacks at, or null for the paper's
   * @param algorithm {@code ppo} or {@code sa-ppo}, or null to tell from the file name (ATLA: {@code ppo})
   * @param command the command line, for the provenance
   */
  public record Options(Path file, Path out, ImportFormat format, String env, Double eps, String algorithm,
      List<String> command) {}

  /**
   * What an import wrote.
   *
   * @param directory the run directory
   * @param format the layout read
   * @param env the env id
   * @param algorithm the algorithm the run records
   * @param eps the radius recorded (null if none was needed)
   * @param attacker the imported attacker's directory, or null
   */
  public record Result(Path directory, ImportFormat format, String env, String algorithm, Double eps, Path attacker) {}

  /** What {@value TrainerBase#STATE} of an imported checkpoint holds: the algorithm, no training. */
  record ImportedState(String algorithm, int iteration, long globalStep, String importedFrom)
      implements TrainerBase.State {}

  private AgentImport() {}

  /**
   * Imports a file.
   *
   * @param shapes the observation and action sizes of an env id ({@link EnvShape#of} makes the env)
   * @throws IllegalArgumentException naming what is wrong (the file, its layout, its shapes, a missing option); then
   *     nothing is written
   */
  public static Result run(Options options, Function<String, EnvShape> shapes) {
    Path file = options.file();
    String name = file.getFileName().toString();
    if (Files.exists(options.out())) {
      throw new IllegalArgumentException(options.out() + " already exists; choose a new directory for the imported"
          + " run");
    }
    TorchCheckpoint checkpoint = TorchCheckpoint.read(file);
    ImportFormat detected = ImportFormat.detect(checkpoint, name);
    ImportFormat format = options.format() == null ? detected : options.format();
    if (format == ImportFormat.SA_DDPG || detected == ImportFormat.SA_DDPG) {
      throw new IllegalArgumentException("importing SA_DDPG agents needs DDPG, which samdp does not have yet (issue"
          + " 19); " + name + " can be read but not imported");
    }
    if (format == ImportFormat.ATLA && detected != ImportFormat.ATLA) {
      throw new IllegalArgumentException(name + " has no adversary_policy_model, so it is not an ATLA file; import"
          + " it with --format sa-ppo");
    }
    String env = options.env() != null ? options.env() : ReleaseNames.env(file).orElseThrow(() ->
        new IllegalArgumentException("cannot tell the env from the name " + name + "; pass --env (e.g. --env"
            + " Hopper-v4)"));
    PpoAgentFile agent = PpoAgentFile.of(checkpoint, name, format == ImportFormat.ATLA);
    EnvShape shape = shapes.apply(env);
    MlpLayers mean = PpoAgentFile.meanLayers(agent.policy());
    shape.check(name + "'s policy", mean.inputSize(), mean.outputSize(), shape.actionSize());
    MlpLayers value = agent.valueLayers();
    shape.check(name + "'s value network", value.inputSize(), value.outputSize(), 1);
    if (!PpoAgentFile.hidden(value).equals(PpoAgentFile.hidden(mean))) {
      throw new IllegalArgumentException(name + ": the value network's hidden widths " + PpoAgentFile.hidden(value)
          + " differ from the policy's " + PpoAgentFile.hidden(mean) + "; samdp's PPO runs share them");
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
        : format == ImportFormat.ATLA ? Algorithms.PPO.name() : ReleaseNames.algorithm(file);
    Algorithm<PpoConfig> family = algorithm.equals(Algorithms.SA_PPO.name()) ? Algorithms.SA_PPO : Algorithms.PPO;
    if (!algorithm.equals(family.name())) {
      throw new IllegalArgumentException("--algo must be ppo or sa-ppo for the authors' PPO agents, got " + algorithm);
    }
    boolean needsEps = adversaryMean != null || family.robust();
    Double eps = options.eps() != null ? options.eps() : needsEps ? ReleaseNames.eps(env).orElseThrow(() ->
        new IllegalArgumentException("the papers give no eps for " + env + "; pass --eps")) : null;
    if (eps != null && !(eps >= 0 && Double.isFinite(eps))) {
      throw new IllegalArgumentException("--eps must be a finite radius >= 0 (in normalized observation space), got "
          + eps);
    }
    List<String> overrides = new ArrayList<>(List.of("ppo.hidden=" + PpoAgentFile.hidden(mean),
        "ppo.activation=tanh", "ppo.normalizeObservations=true", "ppo.observationClip=" + agent.filter().clip()));
    if (family.robust()) {
      overrides.add("robust.eps=" + eps);
    }
    PpoConfig config = family.config(env, null, overrides);
    List<String> notes = notes(format, options.algorithm() == null, algorithm);
    Provenance provenance = Provenance.collect(algorithm, env, config.seed(), options.command())
        .importedFrom(new Provenance.Imported(file.toString(), sha256(file), format.label(), notes));
    Path attacker;
    try (NDManager manager = NDManager.newBaseManager()) {
      GaussianPolicy policy = PpoAgentFile.gaussian(agent.policy(), mean, agent.filter().normalizer(), manager);
      Network valueNetwork = value.build(agent.value(), manager);
      GaussianPolicy adversary = adversaryMean == null ? null : PpoAgentFile.gaussian(agent.adversary(),
          adversaryMean, ObservationNormalizer.identity(shape.observationSize()), manager);
      attacker = write(options.out(), config, provenance, new ImportedState(algorithm, ITERATION, 0, name),
          policy, valueNetwork, adversary, eps, name);
    }
    return new Result(options.out(), format, env, algorithm, eps, attacker);
  }

  /** Writes the run directory whole; returns the attacker's final directory, or null. */
  private static Path write(Path out, PpoConfig config, Provenance provenance, ImportedState state,
      GaussianPolicy policy, Network value, GaussianPolicy adversary, Double eps, String name) {
    String yaml = config.toYaml();
    Path[] attacker = new Path[1];
    AtomicFiles.writeDirectory(out, directory -> {
      AtomicFiles.writeString(directory.resolve(RunDirectory.CONFIG), yaml);
      Json.write(directory.resolve(RunDirectory.PROVENANCE), provenance);
      Path checkpoint = new Checkpoints(directory.resolve("checkpoints")).save(ITERATION, c -> {
        Policies.save(Map.of(Policies.AGENT, policy), c);
        TensorFile.write(c.resolve(TrainerBase.TRAINER_TENSORS), TensorFile.named("value", value.parameters()));
        Json.write(c.resolve(TrainerBase.STATE), state);
        AtomicFiles.writeString(c.resolve(RunDirectory.CONFIG), yaml);
      }, 1);
      if (adversary != null) {
        // The key names the checkpoint where it will be, not the temporary directory it is written in.
        AttackerKey key = AttackerKey.of(OptimalAdversary.NAME, OptimalAdversary.NAME + "[imported=" + name + "]", eps,
            checkpoint);
        Path finalCheckpoint = out.resolve(directory.relativize(checkpoint));
        AttackerRun<PpoConfig> run = AttackerRun.under(directory, new AttackerKey(key.attack(), key.settings(),
            key.eps(), finalCheckpoint.toString(), key.victimDigest()));
        run.saveImported(Map.of(Policies.AGENT, adversary));
        attacker[0] = out.resolve(directory.relativize(run.directory()));
      }
    });
    return attacker[0];
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

  /** The SHA-256 of a file, as hex. */
  static String sha256(Path file) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
