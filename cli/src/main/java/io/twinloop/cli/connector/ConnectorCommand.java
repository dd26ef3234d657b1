package io.twinloop.cli.connector;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code twinloop connector ...}: TwinLoop's connectors as long-running services against any Ditto. */
@Command(name = "connector", mixinStandardHelpOptions = true,
        description = "Runs a connector against a Ditto (or the embedded twin server) until stopped.",
        subcommands = {OpcUaConnectorCommand.class, HonoConnectorCommand.class})
public final class ConnectorCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: opcua or hono");
    }
}
