package io.twinloop.cli.ditto;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code twinloop ditto ...}: what TwinLoop configures in an Eclipse Ditto installation. */
@Command(name = "ditto", mixinStandardHelpOptions = true,
        description = "Eclipse Ditto: apply TwinLoop's policies and Hono connections (provision).",
        subcommands = {ProvisionCommand.class})
public final class DittoCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: provision");
    }
}
