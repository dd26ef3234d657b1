package io.twinloop.cli.aas;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code twinloop aas ...}: Asset Administration Shell files to Ditto things and back. */
@Command(name = "aas", mixinStandardHelpOptions = true,
        description = "Import, export and validate Asset Administration Shell (AAS v3) files.",
        subcommands = {ImportCommand.class, ExportCommand.class, ValidateCommand.class})
public final class AasCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: import, export or validate");
    }
}
