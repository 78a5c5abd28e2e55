package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code samdp} command: the front door to environments, bounds, training, attacks and certificates. */
@Command(
    name = "samdp",
    mixinStandardHelpOptions = true,
    version = "samdp 0.1.0-SNAPSHOT",
    description = "Reinforcement learning that stays good when an adversary perturbs what the agent observes.",
    subcommands = {DemoCommand.class, EnvsCommand.class, PresetsCommand.class, TrainCommand.class,
        ImportCommand.class, EvaluateCommand.class, StatsCommand.class, AttackCommand.class, CertifyCommand.class,
        ReportCommand.class, SweepCommand.class, RecordCommand.class, TabularCommand.class, BoundsCommand.class,
        BenchCommand.class, BridgeCommand.class, DocsCommand.class, CommandLine.HelpCommand.class})
public final class Samdp extends CommandGroup {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line: user errors print one line, not a stack trace. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Samdp());
    commandLine.setExecutionExceptionHandler(Samdp::handleError);
    commandLine.setParameterExceptionHandler(Samdp::handleBadParameter);
    commandLine.setExecutionStrategy(Samdp::runUnlessUnmatched);
    return commandLine;
  }

  /**
   * Picocli skips its check for unmatched arguments when a help option is present, so {@code samdp trian --help}
   * would print the root's help and succeed; a misspelt command is an error with or without {@code --help}.
   */
  private static int runUnlessUnmatched(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult part = parseResult; part != null; part = part.subcommand()) {
      if (!part.unmatched().isEmpty()) {
        throw new CommandLine.UnmatchedArgumentException(part.commandSpec().commandLine(), part.unmatched());
      }
    }
    return new CommandLine.RunLast().execute(parseResult);
  }

  /**
   * The command line a subcommand was run with, as provenance records it: {@code samdp} and the arguments as typed
   * (picocli's original arguments already begin with the subcommand's name).
   */
  static List<String> typed(CommandLine.Model.CommandSpec spec) {
    List<String> command = new ArrayList<>(List.of("samdp"));
    command.addAll(spec.commandLine().getParseResult().originalArgs());
    return command;
  }

  /** Whether the user gave {@code option} (an option with a default otherwise looks the same given or not). */
  static boolean given(CommandLine.Model.CommandSpec spec, String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** {@code base}, or {@code base-2}, {@code base-3}, ... whichever does not exist yet. */
  static Path freshDirectory(Path base) {
    Path candidate = base;
    for (int i = 2; Files.exists(candidate); i++) {
      candidate = base.resolveSibling(base.getFileName() + "-" + i);
    }
    return candidate;
  }

  /** A bad option or value: one line that says what is wrong and where the help is, not the whole usage text. */
  private static int handleBadParameter(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    String suggestion = e instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getSuggestions().isEmpty() ? "; did you mean " + unmatched.getSuggestions().get(0) + "?" : "";
    err.println("samdp: error: " + e.getMessage() + suggestion + " (see: " + command.getCommandSpec().qualifiedName()
        + " --help)");
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static int handleError(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean userError = e instanceof IllegalArgumentException || e instanceof IllegalStateException
        || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException;
    if (!userError || System.getenv("SAMDP_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.println("samdp: error: " + e.getMessage());
    err.flush();
    return userError ? 2 : 1;
  }
}
