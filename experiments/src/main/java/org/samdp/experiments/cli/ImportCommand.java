package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.samdp.experiments.importer.AgentImport;
import org.samdp.experiments.importer.EnvShape;
import org.samdp.experiments.importer.ImportFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code samdp import}: one of the authors' released agents as a samdp run directory. */
@Command(
    name = "import",
    description = "Import an agent released with SA_PPO, ATLA or SA_DDPG (a PyTorch .model file) as a run directory"
        + " that evaluate, attack, certify and report open like a trained one; an ATLA file's adversary becomes the"
        + " run's imported optimal attacker (ATLA's LSTM agents and adversaries as recurrent ones), and an SA_DDPG"
        + " agent's Robust Sarsa files beside it (FILE_sarsa_*) its RS attackers.",
    mixinStandardHelpOptions = true)
final class ImportCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The authors' checkpoint (.model).")
  Path file;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The new run directory.")
  Path out;

  @Option(names = "--format", paramLabel = "FORMAT", description = "sa-ppo, atla or sa-ddpg (default: detected).")
  String format;

  @Option(names = "--env", paramLabel = "ID", description = "Environment id (default: from the file name, e.g."
      + " hopper -> Hopper-v4, or SA_DDPG's folder, ddpg_Hopper-v2 -> Hopper-v4).")
  String env;

  @Option(names = "--eps", paramLabel = "E", description = "The radius the agent was trained for and its adversary"
      + " attacks at, in normalized units, SA_DDPG's in state stds (default: the papers', Hopper 0.075, Walker2d"
      + " 0.05, HalfCheetah and Ant 0.15, Humanoid 0.075; SA_DDPG: InvertedPendulum 0.3, Reacher 1.5).")
  Double eps;

  @Option(names = "--algo", paramLabel = "ALGO", description = "ppo or sa-ppo (SA_DDPG: ddpg or sa-ddpg), what the"
      + " run records (default: sa-ppo for names with sappo or robust, else ppo; ATLA agents ppo; SA_DDPG from the"
      + " release folder, vanilla-ddpg -> ddpg, sa-ddpg-convex and sa-ddpg-sgld -> sa-ddpg).")
  String algo;

  @Override
  public Integer call() {
    AgentImport.Result result = AgentImport.run(new AgentImport.Options(file, out,
        format == null ? null : ImportFormat.of(format), env, eps, algo == null ? null : algo.toLowerCase(Locale.ROOT),
        Samdp.typed(spec)), EnvShape::of);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(Locale.ROOT, "imported %s (%s) as a %s run on %s%s into %s%n", file.getFileName(),
        result.format().label(), result.algorithm(), result.env(),
        result.eps() == null ? "" : " at eps " + result.eps(), result.directory());
    if (result.attacker() != null) {
      stdout.println("its adversary is an imported optimal attacker: " + result.attacker() + " (samdp attack --run "
          + out + " --eps " + result.eps() + " --attack optimal)");
    }
    if (!result.sarsaCritics().isEmpty()) {
      stdout.println("its Robust Sarsa critics are the run's RS attackers: " + String.join(", ", result.sarsaCritics())
          + " (samdp attack --run " + out + " --eps " + result.eps() + " --attack rs)");
    }
    stdout.flush();
    return 0;
  }
}
