package io.twinloop.cli.twin;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.twinloop.cli.TwinLoop;
import io.twinloop.cli.optimizer.OperatorLogins;
import io.twinloop.cli.optimizer.OptimizerRuntime;
import io.twinloop.optimizer.approval.ApprovalApiConfig;
import io.twinloop.optimizer.approval.Operator;
import io.twinloop.optimizer.hold.HoldSettings;
import io.twinloop.optimizer.service.OptimizerConfig;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.twinloop.ditto.policy.PolicyTemplate;
import io.twinloop.optimizer.energy.PriceFiles;
import io.twinloop.optimizer.energy.PriceSeries;
import io.twinloop.twin.server.wot.WotConfig;
import java.util.Optional;

/** {@code twinloop demo}: the embedded stack with the demo plant's twins, until interrupted. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts the embedded twin server with a data folder, puts the demo plant's twins into it (three "
                + "machines described as AAS shells), starts the simulated plant behind its OPC UA server and the OPC "
                + "UA connector the twins configure, the optimizer service (as its own least-privilege twin user) with "
                + "its approvals API, and prints the URLs and credentials to try it with curl, then one status line "
                + "per interval (throughput, energy, downtime, decisions and open proposals).",
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

    @Option(names = "--optimizer-port", defaultValue = "8081",
            description = "port of the optimizer's approvals API (0 = any free port). Default: ${DEFAULT-VALUE}")
    private int optimizerPort;

    @Option(names = "--operator", paramLabel = "NAME[:PASSWORD]",
            description = "the approvals API's operator (default 'operator'; without a password it is taken from "
                    + "$" + OPERATOR_PASSWORD_ENV + ", else generated and printed)")
    private String operator;

    @Option(names = "--recommend-only", description = "the optimizer records its decisions and writes nothing")
    private boolean recommendOnly;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "day-ahead prices for the tariff-aware energy agent (CSV 'time,eur_per_kwh' with ISO-8601 "
                    + "times, or the ENTSO-E/Belpex files of the corpus); without it a flat 0.25 EUR/kWh")
    private Path prices;

    @Option(names = "--status-interval", defaultValue = "10", paramLabel = "SECONDS",
            description = "seconds between status lines (0 = none). Default: ${DEFAULT-VALUE}")
    private int statusInterval;

    static final String OPERATOR_PASSWORD_ENV = OperatorLogins.PASSWORD_ENV;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final Optional<PriceSeries> priceSeries;
        try {
            // read before anything starts: a bad file is refused naming its line and column
            priceSeries = prices == null ? Optional.empty() : Optional.of(PriceFiles.read(prices));
        } catch (final RuntimeException e) {
            spec.commandLine().getErr().println("twinloop demo: " + e.getMessage());
            return TwinLoop.EXIT_REFUSED;
        }
        final String[] credentials = Credentials.parse(
                TwinServerCommand.Users.orGenerated(user == null ? List.of() : List.of(user), out).get(0),
                spec.commandLine());
        // a second user shows least privilege at work: the optimizer's subject may write desired properties only
        final String[] optimizer = {OPTIMIZER_USER, TwinServerCommand.Users.randomPassword()};
        final String[] connector = {CONNECTOR_USER, TwinServerCommand.Users.randomPassword()};
        final String[] operatorCredentials = operatorCredentials();
        final OptimizerConfig optimizerConfig = optimizerConfig();
        // the twins guard desired values as Ditto with TwinLoop's extension does: the optimizer's writes are signed
        final TwinServer server = TwinServer.start(TwinServerConfig.of(data).withPort(port)
                .withUser(credentials[0], credentials[1]).withUser(optimizer[0], optimizer[1])
                .withUser(connector[0], connector[1])
                .withGuard(DemoGuard.of(optimizerConfig, List.of(operatorCredentials[0])))
                .withWot(WotConfig.fromClassPath().withModelsDirectory(data.resolve(MODELS_FOLDER)))).get();
        final UntilStopped stopped = UntilStopped.closing(server, "demo");
        final LivePlant plant;
        try (DittoClient client = DittoClient.builder(server.httpUri()).basicAuth(credentials[0], credentials[1])
                .build()) {
            final PolicyTemplate policies = new PolicyTemplate("nginx:" + credentials[0], "nginx:" + OPTIMIZER_USER,
                    "nginx:" + CONNECTOR_USER);
            // the twins validate values against Thing Models generated from their AAS, served by the twin server
            publishWithModels(server, data, client, new ThingPublisher(client, policies, out, false));
            plant = noPlant ? null
                    : LivePlant.start(data, LivePlant.Settings.demo(opcUaPort, speedFactor), client,
                            server.httpUri(), connector);
        }
        if (plant != null) {
            stopped.closingFirst(plant);
            final OptimizerRuntime loop = DemoOptimizer.start(optimizerConfig, server.httpUri(), optimizer,
                    ApprovalApiConfig.of(optimizerPort, List.of(new Operator(operatorCredentials[0],
                            operatorCredentials[1], Operator.Role.OPERATOR))), priceSeries);
            stopped.closingFirst(loop);
            printWelcome(out, server.httpUri(), credentials, optimizer);
            printPlant(out, server.httpUri(), credentials, plant);
            printOptimizer(out, loop, operatorCredentials);
            if (statusInterval > 0) {
                stopped.closingFirst(statusLines(out, loop, speedFactor));
            }
        } else {
            printWelcome(out, server.httpUri(), credentials, optimizer);
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
                        + "only, and only signed by the optimizer's key (the twins' desired-write guard): its unsigned "
                        + "desired write and its PUT of a property are both refused with 403:",
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

    /** Folder of the data directory whose Thing Models the twin server serves at {@code /wot/models/}. */
    static final String MODELS_FOLDER = "wot-models";

    /**
     * Generates the demo's Thing Models for this server's URL, writes them where it serves them (before any thing
     * names them) and returns the things linked to them.
     */
    static java.util.List<io.twinloop.aas.mapping.MappedThing> publishedModels(final TwinServer server,
            final java.nio.file.Path data) {
        final io.twinloop.aas.thingmodel.ThingModels models = DemoPlant.withThingModels(
                URI.create(server.httpUri() + io.twinloop.twin.server.wot.ModelFiles.PATH));
        try {
            final java.nio.file.Path folder = java.nio.file.Files.createDirectories(data.resolve(MODELS_FOLDER));
            for (final var file : models.files().entrySet()) {
                java.nio.file.Files.writeString(folder.resolve(file.getKey()), file.getValue());
            }
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the demo's Thing Models: " + e.getMessage(), e);
        }
        return models.things();
    }

    /**
     * Publishes the demo things linked to their models. Twins kept from an earlier run keep their definitions when
     * the publisher replaces them, so they are linked to this run's models first, with one merge each: a data folder
     * from an earlier version or another port must never point at models nobody serves (every write would then
     * fail with {@code wot:tm.notfound}, as in Ditto).
     */
    static void publishWithModels(final TwinServer server, final java.nio.file.Path data, final DittoClient client,
            final ThingPublisher publisher) {
        final java.util.List<io.twinloop.aas.mapping.MappedThing> linked = publishedModels(server, data);
        for (final io.twinloop.aas.mapping.MappedThing mapped : linked) {
            final org.eclipse.ditto.things.model.Thing wanted = mapped.thing();
            final org.eclipse.ditto.things.model.ThingId id = wanted.getEntityId().orElseThrow();
            final org.eclipse.ditto.things.model.Thing current;
            try {
                current = client.retrieveThing(id).join();
            } catch (final java.util.concurrent.CompletionException e) {
                continue; // not there yet: the publisher creates it linked
            }
            final org.eclipse.ditto.json.JsonObjectBuilder patch = org.eclipse.ditto.json.JsonObject.newBuilder();
            if (!wanted.getDefinition().equals(current.getDefinition())) {
                patch.set("definition", wanted.getDefinition().orElseThrow().toString());
            }
            wanted.getFeatures().ifPresent(features -> features.forEach(feature -> {
                final var existing = current.getFeatures().flatMap(fs -> fs.getFeature(feature.getId()));
                // only features that are there: the publisher brings the others, linked
                if (existing.isPresent() && feature.getDefinition().isPresent()
                        && !feature.getDefinition().equals(existing.get().getDefinition())) {
                    patch.set(org.eclipse.ditto.json.JsonPointer.of("features/" + feature.getId() + "/definition"),
                            feature.getDefinition().get().toJson());
                }
            }));
            final org.eclipse.ditto.json.JsonObject changes = patch.build();
            if (!changes.isEmpty()) {
                client.merge(io.twinloop.twin.client.TwinPath.thing(id), changes,
                        io.twinloop.twin.client.RequestOptions.none()).join();
            }
        }
        publisher.publish(linked);
    }

    /** The demo's optimizer; a desired value set by anyone but its own twin user holds for a shift. */
    private OptimizerConfig optimizerConfig() {
        return OptimizerRuntime.config(data.resolve("optimizer"), recommendOnly).withHolds(HoldSettings.defaults()
                .withAgentSubjects(java.util.Set.of("nginx:" + OPTIMIZER_USER)));
    }

    /** --operator NAME[:PASSWORD]; the password from the environment, else generated (printed with the URL). */
    private String[] operatorCredentials() {
        final OperatorLogins.Login login = OperatorLogins.parse(operator == null ? "operator" : operator,
                "--operator", spec.commandLine());
        return new String[] {login.name(), login.password()};
    }

    private void printOptimizer(final PrintWriter out, final OptimizerRuntime loop, final String[] operatorCredentials) {
        final String auth = operatorCredentials[0] + ":" + operatorCredentials[1];
        final String api = loop.api().uri() + "/api/optimizer";
        List.of("",
                "The optimizer (twin user " + OPTIMIZER_USER + ", " + (recommendOnly ? "recommend-only: it writes "
                        + "nothing" : "writing desired values") + ") decides every "
                        + loop.service().config().decisionInterval().toSeconds() + " s at most; its decisions are "
                        + "signed into " + loop.service().config().decisionLog().toAbsolutePath() + ".",
                "Approvals API: " + api + "  (operator " + auth + ")",
                "  curl -u " + auth + " " + api + "/status",
                "  curl -u " + auth + " '" + api + "/proposals?status=open'",
                "  curl -u " + auth + " -X POST " + api + "/proposals/<id>/approve",
                "  curl -u " + auth + " -X POST -H 'Content-Type: application/json' -d '{\"reason\":\"not now\"}' "
                        + api + "/proposals/<id>/reject",
                "Status every " + statusInterval + " s (plant time: the plant runs " + speedFactor
                        + " times faster than real time):").forEach(out::println);
        out.flush();
    }

    /** One status line per interval until stopped. */
    private AutoCloseable statusLines(final PrintWriter out, final OptimizerRuntime loop, final double factor) {
        final DemoStatus status = new DemoStatus(factor, Instant.now());
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "twinloop-demo-status");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> {
            try {
                out.println(status.line(loop.service().projection().snapshot(), Instant.now(),
                        loop.service().statistics()));
                out.flush();
            } catch (final RuntimeException e) {
                out.println("status not available: " + e);
                out.flush();
            }
        }, statusInterval, statusInterval, TimeUnit.SECONDS);
        return timer::shutdownNow;
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
