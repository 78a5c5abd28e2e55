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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.samdp.adversaries.trained.AttackerKey;
import org.samdp.adversaries.trained.AttackerRun;
import org.samdp.adversaries.trained.OptimalAdversary;
import org.samdp.adversaries.trained.RobustSarsaCritic;
import org.samdp.agents.io.AtomicFiles;
import org.samdp.agents.io.Json;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.run.Checkpoints;
import org.samdp.agents.run.Provenance;
import org.samdp.agents.run.RunDirectory;
import org.samdp.agents.run.TrainerBase;
import org.samdp.experiments.torch.TorchCheckpoint;

/**
 * Imports one of the authors' SA_PPO, ATLA or SA_DDPG agents as a samdp run directory: {@code config.yaml} (a resolved
 * configuration of the algorithm for the env), {@code provenance.json} naming the file and its SHA-256, and one
 * checkpoint {@code checkpoints/iter-000000} laid out as the algorithm's trainer saves one, as far as evaluation and
 * attacks read it: the agent's policy ({@link Policies}), its critic in {@value TrainerBase#TRAINER_TENSORS} (PPO's
 * {@code value}, DDPG's {@code critic}) and {@value TrainerBase#STATE}; an ATLA file's adversary becomes the run's
 * imported optimal attacker at ε ({@link AttackerRun#saveImported}), an SA_DDPG agent's Robust Sarsa critics its RS
 * attackers ({@link RobustSarsaCritic#saveImported}). The formats differ only in what they build
 * ({@link PpoImport}, {@link DdpgImport}); everything is checked before anything is written, and the directory is
 * written whole or not at all. An imported checkpoint holds no training state (optimiser moments, DDPG's targets and
 * replay buffer), so {@code samdp train --resume} refuses it.
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
   * @param eps the radius the agent was trained for and its adversary attacks at, or null for the paper's (SA_DDPG: in
   *     units of the state std)
   * @param algorithm {@code ppo} or {@code sa-ppo} (SA_DDPG: {@code ddpg} or {@code sa-ddpg}), or null to tell from
   *     the file's name or folder (ATLA: {@code ppo})
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
   * @param sarsaCritics the Robust Sarsa files imported as the run's RS attackers
   */
  public record Result(Path directory, ImportFormat format, String env, String algorithm, Double eps, Path attacker,
      List<String> sarsaCritics) {}

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
    if (format == ImportFormat.ATLA && detected != ImportFormat.ATLA) {
      throw new IllegalArgumentException(name + " has no adversary_policy_model, so it is not an ATLA file; import"
          + " it with --format " + detected.label());
    }
    if ((format == ImportFormat.SA_DDPG) != (detected == ImportFormat.SA_DDPG)) {
      throw new IllegalArgumentException(name + " is " + (detected == ImportFormat.SA_DDPG
          ? "an SA_DDPG file (fc_action.*, fc_critic.*)" : "an SA_PPO or ATLA file (policy_model, val_model, envs)")
          + ", not " + format.label() + "; import it with --format " + detected.label());
    }
    String env = options.env() != null ? options.env() : ReleaseNames.env(file).orElseThrow(() ->
        new IllegalArgumentException("cannot tell the env from the name " + name + "; pass --env (e.g. --env"
            + " Hopper-v4)"));
    EnvShape shape = shapes.apply(env);
    try (NDManager manager = NDManager.newBaseManager()) {
      ImportedAgent agent = format == ImportFormat.SA_DDPG
          ? DdpgImport.of(checkpoint, options, shape, manager)
          : PpoImport.of(checkpoint, format, options, shape, manager);
      TrainerBase.Config config = agent.config();
      Provenance provenance = Provenance.collect(config.algorithm(), env, config.seed(), options.command())
          .importedFrom(new Provenance.Imported(file.toString(), sha256(file), format.label(), agent.notes()));
      Path attacker = write(options.out(), agent, provenance,
          new ImportedState(config.algorithm(), ITERATION, 0, name), name);
      return new Result(options.out(), format, env, config.algorithm(), agent.eps(), attacker,
          List.copyOf(agent.sarsaCritics().keySet()));
    }
  }

  /**
   * Checks a radius to record.
   *
   * @param units what ε is measured in, for the message
   * @throws IllegalArgumentException unless it is null or finite and >= 0
   */
  static void checkEps(Double eps, String units) {
    if (eps != null && !(eps >= 0 && Double.isFinite(eps))) {
      throw new IllegalArgumentException("--eps must be a finite radius >= 0 (" + units + "), got " + eps);
    }
  }

  /** Writes the run directory whole; returns the attacker's final directory, or null. */
  private static Path write(Path out, ImportedAgent agent, Provenance provenance, ImportedState state, String name) {
    String yaml = agent.config().toYaml();
    Path[] attacker = new Path[1];
    AtomicFiles.writeDirectory(out, directory -> {
      AtomicFiles.writeString(directory.resolve(RunDirectory.CONFIG), yaml);
      Json.write(directory.resolve(RunDirectory.PROVENANCE), provenance);
      Path checkpoint = new Checkpoints(directory.resolve("checkpoints")).save(ITERATION, c -> {
        Policies.save(Map.of(Policies.AGENT, agent.policy()), c);
        TensorFile.write(c.resolve(TrainerBase.TRAINER_TENSORS), agent.trainerTensors());
        Json.write(c.resolve(TrainerBase.STATE), state);
        AtomicFiles.writeString(c.resolve(RunDirectory.CONFIG), yaml);
      }, 1);
      // The keys name the checkpoint where it will be, not the temporary directory it is written in.
      Path finalCheckpoint = out.resolve(directory.relativize(checkpoint));
      if (agent.adversary() != null) {
        AttackerKey key = AttackerKey.of(OptimalAdversary.NAME, OptimalAdversary.NAME + "[imported=" + name + "]",
            agent.eps(), checkpoint).at(finalCheckpoint);
        AttackerRun<?> run = AttackerRun.under(directory, key);
        run.saveImported(Map.of(Policies.AGENT, agent.adversary()));
        attacker[0] = out.resolve(directory.relativize(run.directory()));
      }
      agent.sarsaCritics().forEach((file, q) -> RobustSarsaCritic.saveImported(directory, checkpoint, finalCheckpoint,
          file, q));
    });
    return attacker[0];
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
