package org.samdp.experiments.cli;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.samdp.adversaries.attack.AttackConfig;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.experiments.report.ReportTable;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.TrainedAttacks;
import org.samdp.experiments.runs.TrainedRun;
import org.samdp.experiments.video.Composition;
import org.samdp.experiments.video.EpisodeRecorder;
import org.samdp.experiments.video.FrameRenderer;
import org.samdp.experiments.video.RecordedEpisode;
import org.samdp.experiments.video.VideoFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code samdp record}: a video of one episode of a trained agent, clean or attacked, or both side by side. */
@Command(
    name = "record",
    description = "Write a video (GIF, or MP4 through the ffmpeg of imageio-ffmpeg in .venv) of one deterministic"
        + " episode of a trained agent, clean or under an attack, or both side by side. Classic control and MinAtar"
        + " frames are drawn from the observations; MuJoCo frames are rendered offscreen from the states by the"
        + " mujoco package in .venv (EGL, or OSMesa with MUJOCO_GL=osmesa).",
    mixinStandardHelpOptions = true)
final class RecordCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "Run directory (its latest checkpoint)"
      + " or checkpoint directory.")
  Path run;

  @Option(names = "--checkpoint", paramLabel = "C", description = "Which checkpoint of the run: latest (default),"
      + " best (kept by the evaluation during training) or iter-N.")
  String checkpoint;

  @Option(names = "--attack", paramLabel = "NAME", description = "An attack: random, critic (PPO), mad (stochastic"
      + " policies), pgd or pgd50 (DQN), or a trained one (rs, rs-mad, optimal), whose strongest attacker at --eps as"
      + " samdp attack found it for this checkpoint is replayed (nothing is trained). Default: a clean episode.")
  String attack;

  @Option(names = "--eps", paramLabel = "E", description = "The attack's radius (l_inf, normalized observations).")
  Double eps;

  @Option(names = "--side-by-side", description = "The clean episode beside the attacked one (same seed).")
  boolean sideBySide;

  @Option(names = "--seed", defaultValue = "12345", description = "Seed of the episode, as attack and certify take"
      + " it: the episode is the first one they evaluate (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--fps", defaultValue = "30", description = "Frames per second (default ${DEFAULT-VALUE}).")
  int fps;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The video: FILE.gif or FILE.mp4.")
  Path out;

  @Override
  public Integer call() {
    if ((attack == null) != (eps == null)) {
      throw new IllegalArgumentException("--attack and --eps go together: give both for an attacked episode, neither"
          + " for a clean one");
    }
    if (sideBySide && attack == null) {
      throw new IllegalArgumentException("--side-by-side puts an attacked episode beside the clean one: give --attack"
          + " and --eps");
    }
    if (fps <= 0) {
      throw new IllegalArgumentException("--fps must be positive, got " + fps);
    }
    if (!out.getFileName().toString().matches("(?i).*\\.(gif|mp4)")) {
      throw new IllegalArgumentException("--out must end in .gif or .mp4, got " + out.getFileName());
    }
    try (TrainedRun trained = TrainedRun.open(run, checkpoint); NDManager manager = NDManager.newBaseManager()) {
      String env = trained.env();
      ThreatModel threat = attack == null ? ThreatModel.unbounded(0, trained.policy().normalizer().size())
          : trained.threatModel(eps);
      ObservationAdversary adversary = null;
      String shownAttack = attack;
      if (attack != null) {
        Attacks.requireApplicable(List.of(attack), trained.policy().kind(), trained.critic() != null,
            trained.policy().isStateful());
        if (Attacks.TRAINED.contains(attack)) {
          AttackResults.AtEps evaluated = evaluatedAt(trained);
          shownAttack = evaluated.strongestOf(attack);
          adversary = TrainedAttacks.existing(trained, shownAttack, eps,
              evaluated.config() != null ? evaluated.config() : AttackConfig.DEFAULTS, seed, manager);
        } else {
          adversary = Attacks.create(attack, AttackConfig.DEFAULTS, trained.policy().kind(), trained.critic(), seed);
        }
      }
      RecordedEpisode shown = EpisodeRecorder.record(env, trained.policy(), trained.envs(), adversary, threat, seed);
      FrameRenderer renderer = FrameRenderer.of(env, !shown.positions().isEmpty());
      String label = attack == null ? "clean"
          : (Attacks.TRAINED.contains(attack) ? ReportTable.title(shownAttack) : attack) + " eps "
          + ReportTable.number(eps);
      List<BufferedImage> frames = Composition.captioned(renderer.render(shown), caption(label, shown));
      String returns = label + " return " + number(shown.episodicReturn());
      if (sideBySide) {
        RecordedEpisode clean = EpisodeRecorder.record(env, trained.policy(), trained.envs(), null, threat, seed);
        frames = Composition.sideBySide(Composition.captioned(renderer.render(clean), caption("clean", clean)),
            frames);
        returns = "clean return " + number(clean.episodicReturn()) + ", " + returns;
      }
      VideoFile.write(out, frames, fps);
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.printf(Locale.ROOT, "%s on %s (%s), seed %d: %s%n", trained.algorithm(), env, trained.checkpoint(), seed,
          returns);
      stdout.printf(Locale.ROOT, "%d frames of %dx%d written to %s%n", frames.size(), frames.get(0).getWidth(),
          frames.get(0).getHeight(), out);
      stdout.flush();
    }
    return 0;
  }

  /**
   * The attack results at {@code --eps} of the recorded checkpoint that hold the trained attack, as samdp attack wrote
   * them.
   *
   * @throws IllegalArgumentException naming the samdp attack command to run first when there are none
   */
  private AttackResults.AtEps evaluatedAt(TrainedRun trained) {
    String name = trained.checkpoint().getFileName().toString();
    AttackResults results = AttackResults.FILE.newest(trained.resultsDirectory(),
        r -> Path.of(r.checkpoint()).getFileName().toString().equals(name));
    return (results == null ? List.<AttackResults.AtEps>of() : results.evaluations()).stream()
        .filter(e -> e.eps() == eps && e.strongestOf(attack) != null).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("samdp record replays the strongest " + attack + " attacker"
            + " that samdp attack trained for " + name + " at eps " + ReportTable.number(eps) + ", and there is none"
            + " yet; run samdp attack --run " + run + (checkpoint == null ? "" : " --checkpoint " + checkpoint)
            + " --attack " + attack + " --eps " + ReportTable.number(eps) + " first"));
  }

  private static String caption(String label, RecordedEpisode episode) {
    return label + ", return " + number(episode.episodicReturn());
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
