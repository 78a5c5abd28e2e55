package org.samdp.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.reference.ReferenceCase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code samdp bounds compute}: bound any network and input set written in the reference-case format. */
@Command(
    name = "bounds",
    description = "Compute output bounds with the bound engine.",
    mixinStandardHelpOptions = true,
    subcommands = {BoundsCommand.Compute.class})
public final class BoundsCommand extends CommandGroup {

  /** {@code samdp bounds compute --case FILE.json [--method M]}. */
  @Command(
      name = "compute",
      description = "Bounds of a case file (network, input set, optional spec; the format of"
          + " shared/reference/bounds) printed as {\"lower\": ..., \"upper\": ...}.",
      mixinStandardHelpOptions = true)
  static final class Compute implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--case", required = true, paramLabel = "FILE.json", description = "The case file.")
    Path caseFile;

    @Option(names = "--method", paramLabel = "METHOD",
        description = "IBP, CROWN, CROWN-IBP or alpha-CROWN (default: the file's method).")
    String method;

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(caseFile)) {
        throw new IllegalArgumentException("case file " + caseFile + " does not exist (the reference cases are in"
            + " ../shared/reference/bounds)");
      }
      ReferenceCase referenceCase = ReferenceCase.load(caseFile);
      BoundMethod chosen = method == null ? referenceCase.method() : BoundMethod.parse(method);
      PrintWriter out = spec.commandLine().getOut();
      out.println(referenceCase.compute(chosen).toJson());
      out.flush();
      return 0;
    }
  }
}
