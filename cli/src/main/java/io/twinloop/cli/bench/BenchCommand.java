package io.twinloop.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code twinloop bench ...}: the measured claims of the README, reproducible on any machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {MappingBench.class, TwinServerBench.class, WebSocketCommandsBench.class,
                WebSocketEventsBench.class, OpcUaBench.class, HonoBench.class, OptimizerBench.class,
                JobShopBench.class, PlantBench.class, PlantReport.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is required: mapping, twin-server, ws-commands, ws-events, opcua, hono, optimizer, jssp, plant or report");
    }
}
