package io.twinloop.cli.hono;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code twinloop hono ...}: Eclipse Hono, the device side of the twins. */
@Command(name = "hono", mixinStandardHelpOptions = true,
        description = "Eclipse Hono: device provisioning from the assets' AAS.",
        subcommands = {ProvisionCommand.class})
public final class HonoCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: provision");
    }
}
