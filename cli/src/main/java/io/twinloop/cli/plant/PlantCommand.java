package io.twinloop.cli.plant;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.twinloop.cli.TwinLoop;
import io.twinloop.plant.Plant;
import io.twinloop.plant.PlantSnapshot;
import io.twinloop.plant.opcua.PlantOpcUaServer;
import io.twinloop.plant.opcua.PlantServerConfig;
import io.twinloop.plant.runtime.PlantRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code twinloop plant}: the simulated plant behind its OPC UA server, until interrupted. */
@Command(name = "plant", mixinStandardHelpOptions = true,
        description = {"Runs the simulated production line (press, CNC, robot cell, conveyor) faster than real time "
                + "behind an Eclipse Milo OPC UA server, and prints the endpoint and credentials.",
                "Stops on Ctrl-C (SIGINT/SIGTERM)."})
public final class PlantCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "4840", description = "OPC UA TCP port. Default: ${DEFAULT-VALUE}")
    private int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "address to listen on. Default: ${DEFAULT-VALUE} (this machine only)")
    private String host;

    @Option(names = "--hostname", defaultValue = "localhost",
            description = "host name in the endpoint URLs and the server certificate. Default: ${DEFAULT-VALUE}")
    private String hostname;

    @Option(names = "--pki", defaultValue = "twinloop-plant-pki", paramLabel = "DIR",
            description = "PKI directory: server certificate (generated at first start) and trust list. "
                    + "Default: ${DEFAULT-VALUE}")
    private Path pki;

    @Option(names = "--user", paramLabel = "NAME:PASSWORD",
            description = "an OPC UA user (repeatable). Without any, 'operator' with a random password is created "
                    + "and printed.")
    private List<String> users = new ArrayList<>();

    @Option(names = "--no-security-none",
            description = "do not offer the unsecured endpoint: only Basic256Sha256 Sign and SignAndEncrypt")
    private boolean noSecurityNone;

    @Option(names = "--speed-factor", defaultValue = "60",
            description = "simulated seconds per real second. Default: ${DEFAULT-VALUE}")
    private double speedFactor;

    @Option(names = "--seed", defaultValue = "1", description = "random seed of the plant. Default: ${DEFAULT-VALUE}")
    private long seed;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final PlantServerConfig config;
        final Plant plant;
        try {
            final PlantServerConfig.Builder builder = PlantServerConfig.builder().port(port).bindAddress(host)
                    .hostname(hostname).pkiDirectory(pki).securityNone(!noSecurityNone);
            for (final String user : users) {
                final int colon = user.indexOf(':');
                if (colon <= 0 || colon == user.length() - 1) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--user must be NAME:PASSWORD");
                }
                builder.user(user.substring(0, colon), user.substring(colon + 1));
            }
            config = builder.build();
            plant = Plant.builder().seed(seed).speedFactor(speedFactor).build();
        } catch (final IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }

        final PlantRuntime runtime = PlantRuntime.of(plant);
        final PlantOpcUaServer server;
        try {
            server = PlantOpcUaServer.start(config, runtime).get();
        } catch (final ExecutionException e) {
            runtime.close();
            err.println("twinloop plant: " + e.getCause().getMessage());
            return TwinLoop.EXIT_REFUSED;
        }
        runtime.startTicking(Duration.ofMillis(100));

        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop().get(10, TimeUnit.SECONDS);
            } catch (final Exception e) {
                System.err.println("twinloop plant: OPC UA server did not stop cleanly: " + e);
            }
            runtime.close();
            stopped.countDown();
        }, "plant-shutdown"));

        printWelcome(out, server, config, runtime.latest());
        stopped.await();
        return TwinLoop.EXIT_OK;
    }

    private void printWelcome(final PrintWriter out, final PlantOpcUaServer server, final PlantServerConfig config,
            final PlantSnapshot snapshot) {
        out.printf("simulated plant running at %sx real time (seed %d), from %s%n", speedFactor, seed,
                snapshot.time());
        out.printf("OPC UA endpoint: %s  (security: %s)%n", server.endpointUrl(),
                config.securityNone() ? "None, Basic256Sha256 Sign/SignAndEncrypt" : "Basic256Sha256 Sign/SignAndEncrypt");
        if (users.isEmpty()) {
            config.users().forEach((name, password) -> out.printf("user: %s  password: %s%n", name, password));
        } else {
            out.printf("users: %s%n", String.join(", ", config.users().keySet()));
        }
        out.printf("machines: %s%n", String.join(", ", snapshot.machines().stream().map(m -> m.id() + " ("
                + m.kind() + ")").toList()));
        out.printf("nodes: namespace %s, e.g. s=cnc-1/Speed (writable), s=cnc-1/Vibration, s=Plant/SimulationTime%n",
                PlantOpcUaServer.namespaceUri());
        out.printf("client certificates for Sign/SignAndEncrypt: move from %s to %s%n",
                config.pkiDirectory().resolve("rejected/certs"), config.pkiDirectory().resolve("trusted/certs"));
        out.println("Ctrl-C stops it");
        out.flush();
    }
}
