package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.samdp.agents.io.AtomicFiles;
import org.samdp.experiments.docs.ConfigReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code samdp docs config-reference}: rewrites docs/config-reference.md from the config records. */
@Command(
    name = "config-reference",
    description = "Rewrite " + ConfigReference.PAGE + " (every config key: type, default, presets, meaning) from the"
        + " config records and their javadoc in the repository's sources.",
    mixinStandardHelpOptions = true)
final class ConfigReferenceCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Path root = Path.of(System.getProperty("samdp.root", "."));
    ConfigReference reference = ConfigReference.ofRepository(root);
    List<String> undocumented = reference.undocumented();
    if (!undocumented.isEmpty()) {
      throw new IllegalStateException("config keys without a description: " + String.join(", ", undocumented)
          + "; add an @param line for each to its record's javadoc");
    }
    Path page = root.resolve(ConfigReference.PAGE);
    AtomicFiles.writeString(page, reference.markdown());
    PrintWriter out = spec.commandLine().getOut();
    out.println("wrote " + page);
    out.flush();
    return 0;
  }
}
