package org.samdp.experiments.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.reference.ReferenceCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code samdp bounds compute}: bound any network and input set written in the reference-case format. */
@Command(
    name = "bounds",
    description = "Compute output bounds with the bound engine.",
    mixinStandardHelpOptions = true,
    subcommands = {BoundsCommand.Compute.class, BoundsFuzzCommand.class})
public final class BoundsCommand extends CommandGroup {

  /** {@code samdp bounds compute --case FILE.json [--method M]}. */
  @Command(
      name = "compute",
      description = "Bounds of a case file (JSON: 'network' as a layer list, 'input' as the input set, optional"
          + " 'spec' and 'method') printed as {\"lower\": ..., \"upper\": ...}.",
      mixinStandardHelpOptions = true)
  static final class Compute implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--case", required = true, paramLabel = "FILE.json", description = "The case file.")
    Path caseFile;

    @Option(names = "--method", paramLabel = "METHOD",
        description = "IBP, CROWN, CROWN-IBP, alpha-CROWN or POPQORN (default: the file's method).")
    String method;

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(caseFile)) {
        throw new IllegalArgumentException("case file " + caseFile + " does not exist");
      }
      ReferenceCase referenceCase;
      try {
        referenceCase = ReferenceCase.load(caseFile);
      } catch (JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
            : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        throw new IllegalArgumentException("case file " + caseFile + " is not valid JSON" + where + ": "
            + e.getOriginalMessage().lines().findFirst().orElse("unreadable"), e);
      }
      BoundMethod chosen = method == null ? referenceCase.method() : BoundMethod.parse(method);
      String bounds;
      try {
        bounds = referenceCase.compute(chosen).toJson();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("case file " + caseFile + ": " + e.getMessage(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(bounds);
      out.flush();
      return 0;
    }
  }
}
