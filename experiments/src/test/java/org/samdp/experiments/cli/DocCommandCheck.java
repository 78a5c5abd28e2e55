package org.samdp.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.samdp.agents.algo.Algorithms;
import org.samdp.envs.EnvRegistry;
import org.samdp.experiments.presets.Preset;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Checks a documented command against the real command line: it must parse with samdp's own command tree, and the
 * algorithms, presets, env ids and config files it names must exist. Commands that cost nothing run in-process:
 * {@code --help}, {@code presets}, {@code train} as {@code --print-config} (which resolves the whole configuration and
 * trains nothing) and {@code bounds compute} on a case file of the repository. Commands that read what an earlier
 * command wrote (a run directory) are checked as far as that without running them.
 */
final class DocCommandCheck {
  /** What {@code ./samdp test} passes on to Maven: tiers and system properties. */
  private static final Pattern TEST_ARGUMENT = Pattern.compile("-P(unit|native|learning)|-D[\\w.]+=\\S*");
  /** Commands that need the native libraries (MuJoCo) to run; checked by parsing alone unless native is on. */
  private static final Set<String> NATIVE = Set.of("envs list");
  /** Options whose files the docs name relative to the repository root. */
  private static final Set<String> REPOSITORY_FILES = Set.of("--config", "--case");

  private final Path root;
  private final boolean runNative;
  /** Samdp's command tree, built once (it is costly) and reused: picocli resets it before each parse. */
  private final CommandLine parser = Samdp.commandLine();
  /** What each command line run in-process printed to stderr when it failed ("" when it passed), run once each. */
  private final Map<List<String>, String> runs = new HashMap<>();

  /**
   * @param root the repository root, against which relative paths in the commands resolve
   * @param runNative whether commands that load MuJoCo run too (the native tier)
   */
  DocCommandCheck(Path root, boolean runNative) {
    this.root = root;
    this.runNative = runNative;
  }

  /** Whether the command runs only in the native tier (it loads MuJoCo). */
  static boolean needsNative(DocCommand command) {
    return NATIVE.stream().anyMatch(name -> String.join(" ", command.args()).startsWith(name));
  }

  /** What is wrong with the command, each as one line; empty if nothing. */
  List<String> problems(DocCommand command) {
    List<String> problems = new ArrayList<>();
    List<String> args = command.args();
    if (!args.isEmpty() && args.get(0).equals("test")) {
      // ./samdp test is the launcher's own: the rest goes to mvn verify.
      args.stream().skip(1).filter(a -> !TEST_ARGUMENT.matcher(a).matches())
          .forEach(a -> problems.add("./samdp test passes " + a + " to Maven; expected -Punit, -Pnative, -Plearning"
              + " or -Dkey=value"));
      return problems;
    }
    List<String> concrete = withPlaceholders(args);
    ParseResult parsed;
    try {
      parsed = parser.parseArgs(concrete.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      problems.add("does not parse: " + e.getMessage());
      return problems;
    }
    ParseResult leaf = parsed;
    boolean help = parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested();
    List<String> unmatched = new ArrayList<>(parsed.unmatched());
    while (leaf.subcommand() != null) {
      leaf = leaf.subcommand();
      help |= leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested();
      unmatched.addAll(leaf.unmatched());
    }
    if (!unmatched.isEmpty()) {
      // With --help picocli keeps what it did not recognise instead of refusing it.
      problems.add("unknown arguments: " + String.join(" ", unmatched));
      return problems;
    }
    checkNames(leaf, problems);
    if (!problems.isEmpty()) {
      return problems;
    }
    String name = qualifiedName(leaf);
    boolean placeholders = args.stream().anyMatch(a -> a.contains("$"));
    if (help || name.equals("presets") || (runNative && NATIVE.contains(name) && !placeholders)) {
      run(concrete, problems);
    } else if (name.equals("train") && !placeholders && !leaf.hasMatchedOption("--resume")
        && !leaf.hasMatchedOption("--state-statistics")) {
      run(asPrintConfig(fromRepositoryRoot(concrete)), problems);
    } else if (name.equals("bounds compute") && !placeholders
        && Files.isRegularFile(root.resolve(leaf.matchedOptionValue("--case", Path.of(""))))) {
      run(fromRepositoryRoot(concrete), problems);
    }
    return problems;
  }

  /** The algorithm, preset, env ids and config file a command names must exist. */
  private void checkNames(ParseResult leaf, List<String> problems) {
    String algo = leaf.matchedOptionValue("--algo", null);
    if (algo != null) {
      expect(problems, () -> Algorithms.get(algo));
    }
    String preset = leaf.matchedOptionValue("--preset", null);
    if (preset != null && algo != null) {
      expect(problems, () -> Preset.load(preset, algo));
    }
    List<String> envs = new ArrayList<>();
    if (leaf.hasMatchedOption("--env")) {
      envs.add(leaf.matchedOptionValue("--env", ""));
    }
    if (leaf.hasMatchedOption("--envs")) {
      envs.addAll(leaf.matchedOptionValue("--envs", List.<String>of()));
    }
    if (qualifiedName(leaf).equals("envs check") || qualifiedName(leaf).equals("envs bench")) {
      leaf.matchedPositionals().forEach(p -> envs.addAll(p.stringValues()));
    }
    for (String env : envs) {
      boolean remote = env.startsWith("grpc://") || env.startsWith("grpcs://") || env.startsWith("samdp:");
      if (!remote && !env.contains("$")) {
        expect(problems, () -> EnvRegistry.spec(env));
      }
    }
    Path config = leaf.matchedOptionValue("--config", null);
    if (config != null && !Files.isRegularFile(root.resolve(config))) {
      problems.add("--config " + config + ": no such file in the repository");
    }
  }

  private static void expect(List<String> problems, Runnable lookup) {
    try {
      lookup.run();
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
  }

  private void run(List<String> args, List<String> problems) {
    String failure = runs.computeIfAbsent(args, a -> {
      CliRun run = CliRun.of(a.toArray(String[]::new));
      // The error's last line is samdp's one-line message (a stack trace, if any, comes before it).
      List<String> lines = run.err().strip().lines().toList();
      return run.exitCode() == 0 ? "" : "exited with " + run.exitCode() + ": "
          + (lines.isEmpty() ? "" : lines.get(lines.size() - 1));
    });
    if (!failure.isEmpty()) {
      problems.add("samdp " + String.join(" ", args) + " " + failure);
    }
  }

  /** The files a command names relative to the repository root ({@code --config}, {@code --case}), made absolute. */
  private List<String> fromRepositoryRoot(List<String> args) {
    List<String> resolved = new ArrayList<>(args);
    for (int i = 0; i + 1 < resolved.size(); i++) {
      if (REPOSITORY_FILES.contains(resolved.get(i))) {
        resolved.set(i + 1, root.resolve(resolved.get(i + 1)).toString());
      }
    }
    return resolved;
  }

  /** A train command as {@code --print-config}: the same configuration, no run directory. */
  private static List<String> asPrintConfig(List<String> args) {
    List<String> printing = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--out")) {
        i++;
      } else if (!args.get(i).startsWith("--out=")) {
        printing.add(args.get(i));
      }
    }
    if (!printing.contains("--print-config")) {
      printing.add("--print-config");
    }
    return printing;
  }

  /**
   * Shell variables ({@code $eps}) replaced by a number where the option they give takes one, so that loops in the
   * docs parse; such commands are not run.
   */
  private List<String> withPlaceholders(List<String> args) {
    List<String> concrete = new ArrayList<>(args);
    CommandSpec spec = parser.getCommandSpec();
    for (int i = 0; i < concrete.size(); i++) {
      String arg = concrete.get(i);
      CommandLine sub = spec.subcommands().get(arg);
      if (sub != null) {
        spec = sub.getCommandSpec();
      } else if (arg.startsWith("$") && i > 0) {
        OptionSpec option = spec.findOption(concrete.get(i - 1));
        if (option != null && takesNumbers(option)) {
          concrete.set(i, "1");
        }
      }
    }
    return concrete;
  }

  private static boolean takesNumbers(OptionSpec option) {
    Class<?> type = option.typeInfo().isMultiValue() ? option.auxiliaryTypes()[0] : option.type();
    return Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class);
  }

  private static String qualifiedName(ParseResult leaf) {
    return leaf.commandSpec().qualifiedName(" ").replaceFirst("^samdp ?", "");
  }
}
