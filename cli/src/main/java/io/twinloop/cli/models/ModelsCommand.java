package io.twinloop.cli.models;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code twinloop models ...}: the WoT Thing Models generated from AAS files, for a real Ditto to fetch. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "WoT Thing Models generated from AAS files: export them to a folder, or serve a folder.",
        subcommands = {ModelsExportCommand.class, ModelsServeCommand.class})
public final class ModelsCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: export or serve");
    }
}
