package io.twinloop.cli.optimizer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.twinloop.cli.TwinLoop;
import io.twinloop.cli.ditto.DittoAccess;
import io.twinloop.cli.twin.UntilStopped;
import io.twinloop.optimizer.approval.Operator;
import io.twinloop.optimizer.consumergroup.ConsumerGroupConfig;
import io.twinloop.optimizer.hold.HoldSettings;
import io.twinloop.optimizer.energy.PriceFiles;
import io.twinloop.optimizer.energy.PriceSeries;
import io.twinloop.optimizer.projection.TwinScope;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.DittoClientBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code twinloop optimizer}: the optimizer service as its own long-running process against any Ditto, with the
 * demo's wiring ({@link OptimizerRuntime}); the twins' events over Ditto's WebSocket, or from Kafka as one member of
 * the optimizers' consumer group. Every option falls back on an environment variable where a deployment sets it.
 */
@Command(name = "optimizer", mixinStandardHelpOptions = true,
        description = {"Runs the optimizer service against a Ditto (or the embedded twin server): it follows the twins "
                + "of its namespaces, decides with the standard agents, writes desired values (signed with "
                + "<data>/keys/optimizer.key, which the twins' guard must trust) and keeps high-impact decisions as "
                + "proposals in its approvals API.",
                "With --events kafka it is one instance of a consumer group over the twin events Ditto's "
                + "connectivity publishes to Kafka (keyed by thing id): it holds and decides on only the twins of "
                + "its partitions, and takes over others' when they stop.",
                "Runs until Ctrl-C or SIGTERM."})
public final class OptimizerCommand implements Callable<Integer> {

    /** How the twins' events arrive. */
    public enum Events {
        WEBSOCKET, KAFKA
    }

    @Mixin
    private DittoAccess ditto;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:TWINLOOP_OPTIMIZER_DATA:-twinloop-optimizer}",
            description = "the optimizer's folder: decisions.jsonl, keys/optimizer.key (created if missing), "
                    + "keys/operators/. Default: ${DEFAULT-VALUE} (env TWINLOOP_OPTIMIZER_DATA)")
    private Path data;

    @Option(names = "--namespace", paramLabel = "NS", split = ",",
            defaultValue = "${env:TWINLOOP_NAMESPACES:-demo}",
            description = "namespace of the twins followed (repeatable or comma-separated). Default: "
                    + "${DEFAULT-VALUE} (env TWINLOOP_NAMESPACES)")
    private List<String> namespaces = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "RQL",
            description = "only twins matching this RQL filter (with --events kafka, give the twin-events "
                    + "connection's topic the same filter)")
    private String filter;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "day-ahead prices for the tariff-aware energy agent (CSV 'time,eur_per_kwh' or the "
                    + "ENTSO-E/Belpex files); without it a flat 0.25 EUR/kWh")
    private Path prices;

    @Option(names = "--approvals-host", paramLabel = "HOST",
            defaultValue = "${env:TWINLOOP_APPROVALS_HOST:-127.0.0.1}",
            description = "interface of the approvals API. Default: ${DEFAULT-VALUE} (env TWINLOOP_APPROVALS_HOST)")
    private String approvalsHost;

    @Option(names = "--approvals-port", paramLabel = "PORT", defaultValue = "${env:TWINLOOP_APPROVALS_PORT:-8081}",
            description = "port of the approvals API (0 = any free port). Default: ${DEFAULT-VALUE} "
                    + "(env TWINLOOP_APPROVALS_PORT)")
    private int approvalsPort;

    @Option(names = "--operator", paramLabel = "NAME[:PASSWORD]",
            description = "an operator of the approvals API (repeatable; default 'operator'); without a password "
                    + "it is --operator-password")
    private List<String> operators = new ArrayList<>();

    @Option(names = "--operator-password", paramLabel = "PASSWORD",
            defaultValue = "${env:" + OperatorLogins.PASSWORD_ENV + "}",
            description = "password of each --operator given without one (default: environment variable "
                    + OperatorLogins.PASSWORD_ENV + "; without either it is generated and printed)")
    private String operatorPassword;

    @Option(names = "--recommend-only", description = "record decisions, write nothing")
    private boolean recommendOnly;

    @Option(names = "--events", paramLabel = "websocket|kafka", defaultValue = "${env:TWINLOOP_EVENTS:-websocket}",
            description = "where twin events come from: Ditto's WebSocket (every twin of the namespaces) or Kafka "
                    + "(the twin-events connection's topic, as one member of a consumer group). Default: "
                    + "${DEFAULT-VALUE} (env TWINLOOP_EVENTS)")
    private Events events;

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT[,...]", defaultValue = "${env:TWINLOOP_KAFKA_BOOTSTRAP}",
            description = "Kafka's bootstrap servers (required with --events kafka; env TWINLOOP_KAFKA_BOOTSTRAP)")
    private String kafkaBootstrap;

    @Option(names = "--kafka-topic", paramLabel = "TOPIC",
            defaultValue = "${env:TWINLOOP_KAFKA_TOPIC:-" + ConsumerGroupConfig.DEFAULT_TOPIC + "}",
            description = "the topic Ditto's twin-events connection publishes to. Default: ${DEFAULT-VALUE} "
                    + "(env TWINLOOP_KAFKA_TOPIC)")
    private String kafkaTopic;

    @Option(names = "--kafka-group", paramLabel = "GROUP",
            defaultValue = "${env:TWINLOOP_KAFKA_GROUP:-" + ConsumerGroupConfig.DEFAULT_GROUP + "}",
            description = "the consumer group all optimizer instances share. Default: ${DEFAULT-VALUE} "
                    + "(env TWINLOOP_KAFKA_GROUP)")
    private String kafkaGroup;

    @Option(names = "--kafka-client-id", paramLabel = "ID", defaultValue = "${env:TWINLOOP_KAFKA_CLIENT_ID}",
            description = "this instance's name in the group, e.g. its pod name (env TWINLOOP_KAFKA_CLIENT_ID)")
    private String kafkaClientId;

    @Option(names = "--kafka-user", paramLabel = "USER", defaultValue = "${env:TWINLOOP_KAFKA_USER}",
            description = "SASL user (SASL_PLAINTEXT unless --kafka-property security.protocol=SASL_SSL; env "
                    + "TWINLOOP_KAFKA_USER)")
    private String kafkaUser;

    @Option(names = "--kafka-password", paramLabel = "PASSWORD", defaultValue = "${env:TWINLOOP_KAFKA_PASSWORD}",
            description = "SASL password (default: environment variable TWINLOOP_KAFKA_PASSWORD)")
    private String kafkaPassword;

    @Option(names = "--kafka-sasl-mechanism", paramLabel = "MECHANISM",
            defaultValue = "${env:TWINLOOP_KAFKA_SASL_MECHANISM:-PLAIN}",
            description = "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512. Default: ${DEFAULT-VALUE} "
                    + "(env TWINLOOP_KAFKA_SASL_MECHANISM)")
    private String kafkaSaslMechanism;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "a further Kafka consumer setting, e.g. ssl.truststore.location=... (repeatable)")
    private Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--status-interval", paramLabel = "SECONDS", defaultValue = "60",
            description = "seconds between status lines (0 = none). Default: ${DEFAULT-VALUE}")
    private long statusInterval;

    @Option(names = "--start-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "how long reading the twins (and joining the group) may take before the command gives up "
                    + "with exit code 1. Default: ${DEFAULT-VALUE}")
    private long startTimeout;

    @Option(names = "--hold-time", paramLabel = "DURATION", defaultValue = "${env:TWINLOOP_HOLD_TIME:-PT8H}",
            description = "how long a desired value a person wrote holds: no agent writes it without an approved "
                    + "override (ISO-8601, e.g. PT8H; PT0S: no holds). Env TWINLOOP_HOLD_TIME. Default: "
                    + "${DEFAULT-VALUE}")
    private Duration holdTime;

    @Option(names = "--agent-subject", paramLabel = "SUBJECT", split = ",",
            description = "a subject the optimizer writes as (repeatable; every instance's): desired values written "
                    + "by any other subject are a person's. Default: nginx:USER of --user, else nginx:optimizer")
    private List<String> agentSubjects = new ArrayList<>();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Generated operator passwords, to be shown once. */
    private final List<OperatorLogins.Login> generated = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        // a service's operator wants its INFO lines (partitions, loads, decisions); the cli's default is WARN.
        // Before the optimizer's classes make their loggers; -D... in TWINLOOP_JAVA_OPTS still wins.
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.io.twinloop", "info");
        final OptimizerServiceSettings settings = settings();
        final PrintWriter out = spec.commandLine().getOut();
        final Running running;
        try {
            running = start(settings, out);
        } catch (final PricesRefused e) {
            spec.commandLine().getErr().println("twinloop optimizer: " + e.getMessage());
            return TwinLoop.EXIT_REFUSED;
        } catch (final Exception e) {
            spec.commandLine().getErr().println("twinloop optimizer: not started: " + describe(e));
            return TwinLoop.EXIT_REFUSED;
        }
        for (final OperatorLogins.Login login : generated) {
            out.println("  operator " + login.name() + ", generated password " + login.password());
        }
        out.flush();
        final UntilStopped stopped = UntilStopped.closingLast(running, "optimizer");
        stopped.await();
        return TwinLoop.EXIT_OK;
    }

    /** The command line as checked settings; a usage error names the option. */
    public OptimizerServiceSettings settings() {
        final CommandLine line = spec.commandLine();
        final List<Operator> logins = new ArrayList<>();
        for (final String given : operators.isEmpty() ? List.of("operator") : operators) {
            final OperatorLogins.Login login = OperatorLogins.parse(given, "--operator",
                    Optional.ofNullable(operatorPassword), line);
            if (login.generated()) {
                generated.add(login);
            }
            logins.add(new Operator(login.name(), login.password(), Operator.Role.OPERATOR));
        }
        try {
            return new OptimizerServiceSettings(ditto.required(), ditto.user(), ditto.password(), data,
                    new TwinScope(namespaces.stream().map(String::trim).filter(n -> !n.isEmpty()).toList(),
                            Optional.ofNullable(filter)),
                    consumerGroup(line), Optional.ofNullable(prices), approvalsHost, approvalsPort, logins,
                    recommendOnly, Duration.ofSeconds(statusInterval), Duration.ofSeconds(startTimeout),
                    holds());
        } catch (final IllegalArgumentException e) {
            throw new CommandLine.ParameterException(line, e.getMessage(), e);
        }
    }

    /** --hold-time and --agent-subject; the optimizer's own subject as Ditto's nginx names its --user by default. */
    private HoldSettings holds() {
        final java.util.Set<String> subjects = new java.util.LinkedHashSet<>();
        agentSubjects.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(subjects::add);
        if (subjects.isEmpty()) {
            subjects.add(ditto.user().map(user -> "nginx:" + user).orElse(HoldSettings.DEFAULT_AGENT_SUBJECT));
        }
        try {
            return new HoldSettings(holdTime, subjects);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("--hold-time/--agent-subject: " + e.getMessage(), e);
        }
    }

    private Optional<ConsumerGroupConfig> consumerGroup(final CommandLine line) {
        if (events == Events.WEBSOCKET) {
            for (final String kafkaOnly : List.of("--kafka-bootstrap", "--kafka-topic", "--kafka-group",
                    "--kafka-client-id", "--kafka-user", "--kafka-password", "--kafka-sasl-mechanism",
                    "--kafka-property")) {
                if (line.getParseResult() != null && line.getParseResult().hasMatchedOption(kafkaOnly)) {
                    throw new CommandLine.ParameterException(line, kafkaOnly + " is read only with --events kafka");
                }
            }
            return Optional.empty();
        }
        if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) {
            throw new CommandLine.ParameterException(line, "--events kafka needs --kafka-bootstrap HOST:PORT (or "
                    + "the environment variable TWINLOOP_KAFKA_BOOTSTRAP)");
        }
        try {
            ConsumerGroupConfig config = ConsumerGroupConfig.of(kafkaBootstrap).withTopic(kafkaTopic)
                    .withGroupId(kafkaGroup).withClientId(kafkaClientId);
            for (final Map.Entry<String, String> property : kafkaProperties.entrySet()) {
                config = config.withProperty(property.getKey(), property.getValue());
            }
            if (kafkaUser != null && !kafkaUser.isBlank()) {
                if (kafkaPassword == null || kafkaPassword.isEmpty()) {
                    throw new IllegalArgumentException("--kafka-user needs --kafka-password (or the environment "
                            + "variable TWINLOOP_KAFKA_PASSWORD)");
                }
                config = config.withSasl(kafkaSaslMechanism, kafkaUser, kafkaPassword);
            }
            return Optional.of(config);
        } catch (final IllegalArgumentException e) {
            throw new CommandLine.ParameterException(line, "--events kafka: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the service with these settings and prints where it runs; what {@link #call()} runs until stopped, and
     * tests directly.
     *
     * @throws PricesRefused when the price file is refused (before anything starts)
     */
    public static Running start(final OptimizerServiceSettings settings, final PrintWriter out) throws Exception {
        final Optional<PriceSeries> priceSeries;
        try {
            priceSeries = settings.prices().map(PriceFiles::read);
        } catch (final RuntimeException e) {
            throw new PricesRefused(e.getMessage(), e);
        }
        final DittoClientBuilder builder = DittoClient.builder(settings.ditto());
        settings.user().ifPresent(user -> builder.basicAuth(user, settings.password().orElseThrow()));
        out.println("twinloop optimizer starting: " + settings);
        out.flush();
        final OptimizerRuntime runtime = OptimizerRuntime.start(settings.optimizerConfig(), builder.build(),
                settings.approvals(), priceSeries, settings.feed(), settings.startTimeout());
        final Running running = new Running(runtime, statusLines(runtime, settings.statusInterval(), out));
        final String api = runtime.api().uri() + "/api/optimizer";
        List.of("twinloop optimizer running (" + (settings.recommendOnly() ? "recommend-only: writes nothing"
                        : "writing desired values") + "): twins=" + runtime.service().projection().size()
                        + " feed=\"" + runtime.service().feed().describe() + "\"",
                "  decision log " + runtime.service().config().decisionLog().toAbsolutePath() + ", signing key "
                        + runtime.service().config().keyDirectory().resolve(runtime.service().config().agentName()
                        + ".key").toAbsolutePath(),
                "  approvals API " + api + " (operators " + settings.operators().stream().map(Operator::name)
                        .toList() + "): GET " + api + "/proposals?status=open, POST " + api
                        + "/proposals/<id>/approve").forEach(out::println);
        out.flush();
        return running;
    }

    /** One line per interval: the decisions so far and what the feed holds (its partitions with Kafka). */
    private static Optional<ScheduledExecutorService> statusLines(final OptimizerRuntime runtime,
            final Duration interval, final PrintWriter out) {
        if (interval.isZero()) {
            return Optional.empty();
        }
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "twinloop-optimizer-status");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> {
            try {
                out.println("[" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] "
                        + runtime.service().statistics() + " | " + runtime.service().feed().describe());
                out.flush();
            } catch (final RuntimeException e) {
                out.println("status not available: " + e);
                out.flush();
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return Optional.of(timer);
    }

    private static String describe(final Throwable e) {
        Throwable cause = e;
        while ((cause instanceof java.util.concurrent.ExecutionException
                || cause instanceof java.util.concurrent.CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** The optimizer at work: stops its status lines, then the service (its consumer leaves the group). */
    public record Running(OptimizerRuntime runtime, Optional<ScheduledExecutorService> status)
            implements AutoCloseable {

        @Override
        public void close() {
            status.ifPresent(ScheduledExecutorService::shutdownNow);
            runtime.close();
        }
    }

    /** The price file was refused (exit code 1, the message names line and column). */
    static final class PricesRefused extends Exception {

        private static final long serialVersionUID = 1L;

        PricesRefused(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
