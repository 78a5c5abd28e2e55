package org.samdp.experiments.cli;

import picocli.CommandLine.Command;

/** {@code samdp docs}: regenerates the pages of docs/ that are made from the code (hidden: for maintainers). */
@Command(
    name = "docs",
    hidden = true,
    description = "Regenerate the documentation pages made from the code.",
    mixinStandardHelpOptions = true,
    subcommands = {ConfigReferenceCommand.class})
final class DocsCommand extends CommandGroup {}
