package io.twinloop.cli.twin;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.twinloop.cli.TwinLoop;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.twinloop.ditto.policy.PolicyTemplate;

/** {@code twinloop demo}: the embedded stack with the demo plant's twins, until interrupted. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts the embedded twin server with a data folder, puts the demo plant's twins into it (three "
                + "machines described as AAS shells), starts the simulated plant behind its OPC UA server and the OPC "
                + "UA connector the twins configure, and prints the URLs and credentials to try it with curl.",
                "Runs until Ctrl-C. Re-running leaves unchanged twins alone."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (0 = any free port). Default: ${DEFAULT-VALUE}")
    private int port;

    @Option(names = "--data", defaultValue = "twinloop-demo", paramLabel = "DIR",
            description = "data folder of the twin server. Default: ${DEFAULT-VALUE}")
    private Path data;

    @Option(names = "--user", paramLabel = "NAME:PASSWORD",
            description = "the demo's user (default: 'ditto' with a random password, printed)")
    private String user;

    static final String OPTIMIZER_USER = "optimizer";
    static final String CONNECTOR_USER = "connector";

    @Option(names = "--opcua-port", defaultValue = "4840",
            description = "OPC UA port of the simulated plant (0 = any free port). Default: ${DEFAULT-VALUE}")
    private int opcUaPort;

    @Option(names = "--speed-factor", defaultValue = "60",
            description = "how much faster than real time the plant runs. Default: ${DEFAULT-VALUE}")
    private double speedFactor;

    @Option(names = "--no-plant", description = "twins only: no simulated plant, no OPC UA connector")
    private boolean noPlant;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final String[] credentials = Credentials.parse(
                TwinServerCommand.Users.orGenerated(user == null ? List.of() : List.of(user), out).get(0),
                spec.commandLine());
        // a second user shows least privilege at work: the optimizer's subject may write desired properties only
        final String[] optimizer = {OPTIMIZER_USER, TwinServerCommand.Users.randomPassword()};
        final String[] connector = {CONNECTOR_USER, TwinServerCommand.Users.randomPassword()};
        final TwinServer server = TwinServer.start(TwinServerConfig.of(data).withPort(port)
                .withUser(credentials[0], credentials[1]).withUser(optimizer[0], optimizer[1])
                .withUser(connector[0], connector[1])).get();
        final UntilStopped stopped = UntilStopped.closing(server, "demo");
        final LivePlant plant;
        try (DittoClient client = DittoClient.builder(server.httpUri()).basicAuth(credentials[0], credentials[1])
                .build()) {
            final PolicyTemplate policies = new PolicyTemplate("nginx:" + credentials[0], "nginx:" + OPTIMIZER_USER,
                    "nginx:" + CONNECTOR_USER);
            new ThingPublisher(client, policies, out, false).publish(DemoPlant.things());
            plant = noPlant ? null
                    : LivePlant.start(data, LivePlant.Settings.demo(opcUaPort, speedFactor), client,
                            server.httpUri(), connector);
        }
        if (plant != null) {
            stopped.closingFirst(plant);
        }
        printWelcome(out, server.httpUri(), credentials, optimizer);
        if (plant != null) {
            printPlant(out, server.httpUri(), credentials, plant);
        }
        stopped.await();
        return TwinLoop.EXIT_OK;
    }

    private void printWelcome(final PrintWriter out, final URI uri, final String[] credentials,
            final String[] optimizer) {
        final String auth = credentials[0] + ":" + credentials[1];
        final String agent = optimizer[0] + ":" + optimizer[1];
        final String desired = uri + "/api/2/things/demo:CNC01/features/OperationalData/desiredProperties/SpindleSpeed";
        final List<String> lines = new ArrayList<>(List.of(
                "",
                "TwinLoop demo is running (data in " + data.toAbsolutePath() + "); Ctrl-C stops it.",
                "  HTTP API:    " + uri + "/api/2/things/demo:CNC01",
                "  credentials: " + auth + "  (policy subject nginx:" + credentials[0] + ")",
                "Try:",
                "  curl -u " + auth + " " + uri + "/api/2/things/demo:CNC01/features/OperationalData/properties",
                "  curl -u " + auth + " -X PUT -H 'Content-Type: application/json' -d 1500 " + desired,
                "Least privilege: " + agent + " (subject nginx:" + optimizer[0] + ") may write desired properties "
                        + "only; its PUT of a property is refused with 403:",
                "  curl -u " + agent + " -X PUT -H 'Content-Type: application/json' -d 1600 " + desired,
                "  curl -u " + agent + " -X PUT -H 'Content-Type: application/json' -d 1600 "
                        + desired.replace("desiredProperties", "properties")));
        lines.forEach(out::println);
        out.flush();
    }

    private static void printPlant(final PrintWriter out, final URI uri, final String[] credentials,
            final LivePlant plant) {
        final String auth = credentials[0] + ":" + credentials[1];
        final String cnc = uri + "/api/2/things/demo:CNC01/features";
        List.of("",
                "The simulated plant runs behind " + plant.endpoint() + " (user operator, password "
                        + plant.operatorPassword() + "); the OPC UA connector, configured from the twins' "
                        + "AssetInterfacesDescription and -MappingConfiguration, moves its values into the twins.",
                "Watch them change, set a speed (in % of nominal, 50-130 for CNC01) and see what became of it:",
                "  curl -u " + auth + " " + cnc + "/OperationalData/properties",
                "  curl -u " + auth + " -X PUT -H 'Content-Type: application/json' -d 110 " + cnc
                        + "/OperationalData/desiredProperties/Speed",
                "  curl -u " + auth + " " + cnc + "/Reconciliation/properties").forEach(out::println);
        out.flush();
    }

    /** NAME:PASSWORD, split and checked. */
    static final class Credentials {

        private Credentials() {
        }

        static String[] parse(final String user, final CommandLine commandLine) {
            final int colon = user.indexOf(':');
            if (colon <= 0 || colon == user.length() - 1) {
                throw new CommandLine.ParameterException(commandLine, "--user must be NAME:PASSWORD");
            }
            return new String[] {user.substring(0, colon), user.substring(colon + 1)};
        }
    }
}
