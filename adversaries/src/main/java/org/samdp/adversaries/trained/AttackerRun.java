package org.samdp.adversaries.trained;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.samdp.agents.config.ConfigLoader;
import org.samdp.agents.io.AtomicFiles;
import org.samdp.agents.io.DirectoryLock;
import org.samdp.agents.io.Json;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.run.RunDirectory;
import org.samdp.agents.run.TrainerBase;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.agents.run.TrainingSession;

/**
 * One trained attacker as a run directory under the victim's run, {@code attackers/<key>}: trained there the first
 * time, resumed from its latest checkpoint when a run was cut short, reused once finished, and refused when its
 * {@value AttackerKey#FILE} names another victim, ε or settings. Training holds the directory's {@link DirectoryLock}.
 *
 * @param directory the attacker's run directory
 * @param key what it is trained against and how
 * @param <C> the trainer's configuration
 */
public record AttackerRun<C extends TrainerBase.Config>(Path directory, AttackerKey key) {
  /** Where a victim's attackers live in its run directory. */
  public static final String ATTACKERS = "attackers";
  /** Where a ready-made attacker (imported, not trained here) keeps its policies. */
  public static final String IMPORTED = "imported";

  /** The attacker of {@code key} under the victim's results directory. */
  public static <C extends TrainerBase.Config> AttackerRun<C> under(Path victimResults, AttackerKey key) {
    return new AttackerRun<>(victimResults.resolve(ATTACKERS).resolve(key.directoryName()), key);
  }

  /**
   * The finished attacker's latest checkpoint, training it first as far as it is not.
   *
   * @param config the configuration of a new run (a resumed one keeps its own)
   * @param loader reads a resumed run's configuration
   * @param trainer makes the trainer for a configuration and run directory
   * @param command recorded in the attacker's provenance
   * @param callbacks progress
   * @throws IllegalArgumentException if the directory holds an attacker of another key
   */
  public Path train(C config, ConfigLoader<C> loader, BiFunction<C, RunDirectory, TrainerBase<C, ?>> trainer,
      List<String> command, List<TrainingCallback> callbacks) {
    // Parallel attack jobs on one victim (a sweep's) may need the same attacker: one trains it, the others wait and
    // reuse it.
    DirectoryLock lock = DirectoryLock.acquire(directory);
    try {
      return trainHolding(config, loader, trainer, command, callbacks);
    } finally {
      lock.close();
    }
  }

  private Path trainHolding(C config, ConfigLoader<C> loader, BiFunction<C, RunDirectory, TrainerBase<C, ?>> trainer,
      List<String> command, List<TrainingCallback> callbacks) {
    Path keyFile = directory.resolve(AttackerKey.FILE);
    if (Files.isRegularFile(keyFile)) {
      AttackerKey saved = Json.read(keyFile, AttackerKey.class);
      if (!key.serves(saved)) {
        throw new IllegalArgumentException(directory + " holds an attacker trained for " + saved.settings() + " at eps "
            + saved.eps() + " against the victim " + saved.victimCheckpoint() + " (digest " + saved.victimDigest()
            + "), not for this victim and setting; delete it to train a new one");
      }
    } else if (Files.exists(directory.resolve(RunDirectory.CONFIG))) {
      throw new IllegalArgumentException(directory + " holds a run that is not a keyed attacker (no "
          + AttackerKey.FILE + "); delete it to train a new one");
    } else {
      // The key first: a run directory under attackers/ is always keyed, even if its training is cut short.
      Json.write(keyFile, key);
    }
    Optional<Path> finished = finishedCheckpoint(loader);
    if (finished.isPresent()) {
      return finished.get();
    }
    try (TrainingSession session = Files.exists(directory.resolve(RunDirectory.CONFIG))
        ? TrainerBase.resume(directory, loader, trainer, command, callbacks)
        : TrainerBase.start(directory, run -> trainer.apply(config, run), command, callbacks)) {
      session.train();
      if (session.stopReason() != null) {
        throw new IllegalStateException("training of " + directory + " stopped (" + session.stopReason()
            + "); run the attack again to resume it");
      }
    }
    return finishedCheckpoint(loader).orElseThrow(() -> new IllegalStateException(directory + " finished training but"
        + " holds no final checkpoint"));
  }

  /**
   * Every attacker under a victim's run, trained or imported, finished or not, in directory order; a directory
   * without {@value AttackerKey#FILE} is skipped.
   */
  public static List<AttackerRun<?>> all(Path victimResults) {
    Path attackers = victimResults.resolve(ATTACKERS);
    if (!Files.isDirectory(attackers)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(attackers)) {
      return listing.sorted().filter(d -> Files.isRegularFile(d.resolve(AttackerKey.FILE)))
          .<AttackerRun<?>>map(d -> new AttackerRun<>(d, Json.read(d.resolve(AttackerKey.FILE), AttackerKey.class)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + attackers + ": " + e.getMessage(), e);
    }
  }

  /**
   * Saves a ready-made attacker (one imported from the authors' files) under its key: its policies (an adversary as
   * {@code agent}) in {@value #IMPORTED}, written whole or not at all; it is finished from then on.
   *
   * @throws IllegalStateException if the directory exists
   */
  public void saveImported(Map<String, Policy> policies) {
    saveImported(imported -> Policies.save(policies, imported));
  }

  /**
   * Saves a ready-made attacker that is a network, not a policy (an imported Robust Sarsa critic): its arrays as
   * {@code file} in {@value #IMPORTED}, written whole or not at all.
   *
   * @throws IllegalStateException if the directory exists
   */
  public void saveImported(String file, Map<String, TensorFile.Entry> tensors) {
    saveImported(imported -> TensorFile.write(imported.resolve(file), tensors));
  }

  private void saveImported(Consumer<Path> content) {
    AtomicFiles.writeDirectory(directory, written -> {
      Json.write(written.resolve(AttackerKey.FILE), key);
      content.accept(Files.createDirectories(written.resolve(IMPORTED)));
    });
  }

  /**
   * An imported attacker's {@value #IMPORTED} directory (its policies, or a critic's arrays; written whole), or else
   * empty.
   */
  public Optional<Path> finishedCheckpoint() {
    Path imported = directory.resolve(IMPORTED);
    return Files.isDirectory(imported) ? Optional.of(imported) : Optional.empty();
  }

  /**
   * An imported attacker's policies, or the latest checkpoint if it is the run's last iteration; {@code loader} reads
   * the run's configuration.
   */
  public Optional<Path> finishedCheckpoint(ConfigLoader<C> loader) {
    Optional<Path> imported = finishedCheckpoint();
    if (imported.isPresent()) {
      return imported;
    }
    if (!Files.isRegularFile(directory.resolve(RunDirectory.CONFIG))) {
      return Optional.empty();
    }
    RunDirectory run = RunDirectory.existing(directory);
    Optional<Path> latest = run.checkpoints().latest();
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    int iteration = readJson(latest.get().resolve(TrainerBase.STATE)).path("iteration").asInt(-1);
    int total = loader.load(run.configFile(), List.of()).iterations();
    return iteration == total ? latest : Optional.empty();
  }

  private static JsonNode readJson(Path file) {
    try {
      return Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
