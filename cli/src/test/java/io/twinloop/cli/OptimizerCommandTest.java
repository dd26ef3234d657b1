package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.twinloop.cli.optimizer.OptimizerCommand;
import io.twinloop.cli.optimizer.OptimizerServiceSettings;
import io.twinloop.kafka.broker.KafkaBrokerProcess;
import io.twinloop.optimizer.consumergroup.PartitionedSync;
import picocli.CommandLine;

/**
 * {@code twinloop optimizer} against the embedded twin server over real sockets, as the least-privilege optimizer
 * user the import's policies name: the command line becomes settings, the service reads the twins (over the
 * WebSocket, or from Kafka as a consumer group of one on a real broker) and its approvals API answers the
 * operator. Bad command lines are usage errors naming the option; an unreachable Ditto ends with exit code 1.
 */
class OptimizerCommandTest extends OperatorServer {

    private static final String OPTIMIZER = "optimizer";
    private static final String OPTIMIZER_PASSWORD = "opt-pw";
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Override
    String[] otherUsers() {
        return new String[] {OPTIMIZER, OPTIMIZER_PASSWORD};
    }

    @Test
    void theServiceFollowsTheTwinsAsTheOptimizerUserAndItsApprovalsApiAnswersTheOperator() throws Exception {
        importDemoPlant();
        final StringWriter printed = new StringWriter();
        try (OptimizerCommand.Running running = OptimizerCommand.start(settings("--operator", "alice:pw"),
                new PrintWriter(printed, true))) {
            assertThat(machines(running)).containsExactlyInAnyOrder(MACHINES);
            final String status = get(running.runtime().api().uri() + "/api/optimizer/status", "alice:pw", 200);
            assertThat(status).contains("\"twins\":" + running.runtime().service().projection().size())
                    .contains("\"mode\":\"ACTING\"");
            get(running.runtime().api().uri() + "/api/optimizer/status", "alice:wrong", 401);
            assertThat(running.runtime().service().feed().describe()).startsWith("websocket");
        }
        assertThat(printed.toString()).contains("twinloop optimizer running (writing desired values): twins=")
                .contains("approvals API http://127.0.0.1:").doesNotContain(OPTIMIZER_PASSWORD);
    }

    @Test
    void withKafkaItIsOneMemberOfTheConsumerGroupAndReadsTheTwinsOfItsPartitions() throws Exception {
        importDemoPlant();
        try (KafkaBrokerProcess kafka = KafkaBrokerProcess.start(tmp.resolve("kafka"), freePort(), freePort(),
                DEADLINE)) {
            final OptimizerServiceSettings settings = settings("--events", "kafka", "--kafka-bootstrap",
                    kafka.bootstrapServers(), "--kafka-client-id", "optimizer-0", "--operator", "alice:pw");
            try (OptimizerCommand.Running running = OptimizerCommand.start(settings,
                    new PrintWriter(new StringWriter(), true))) {
                // alone in its group it owns every partition of the topic (created on first use) and so every twin
                final PartitionedSync sync = (PartitionedSync) running.runtime().service().feed();
                await("the only member holds every twin", () -> sync.partitionCount() > 0
                        && sync.ownedPartitions().size() == sync.partitionCount()
                        && machines(running).size() == MACHINES.length);
                assertThat(sync.describe()).contains("topic=twinloop.twin-events group=twinloop-optimizer "
                        + "client=optimizer-0");
            }
        }
    }

    @Test
    void aCommandLineTheServiceCannotRunWithIsAUsageErrorNamingTheOption() {
        final String url = server.httpUri().toString();
        assertUsage("--ditto URL is required");
        assertUsage("--events kafka needs --kafka-bootstrap", "--ditto", url, "--events", "kafka");
        assertUsage("--kafka-topic is read only with --events kafka", "--ditto", url, "--kafka-topic", "t");
        assertUsage("bootstrap server 'kafka' is not HOST:PORT", "--ditto", url, "--events", "kafka",
                "--kafka-bootstrap", "kafka");
        assertUsage("property 'enable.auto.commit' is set by the optimizer itself", "--ditto", url, "--events",
                "kafka", "--kafka-bootstrap", "kafka:9092", "--kafka-property", "enable.auto.commit=true");
        assertUsage("--kafka-user needs --kafka-password", "--ditto", url, "--events", "kafka",
                "--kafka-bootstrap", "kafka:9092", "--kafka-user", "hono", "--kafka-password", "");
        assertUsage("SASL mechanism 'GSSAPI' is not one of", "--ditto", url, "--events", "kafka",
                "--kafka-bootstrap", "kafka:9092", "--kafka-user", "hono", "--kafka-password", "pw",
                "--kafka-sasl-mechanism", "GSSAPI");
        assertUsage("--user optimizer needs --password", "--ditto", url, "--user", OPTIMIZER, "--password", "");
        assertUsage("--operator must be NAME or NAME:PASSWORD", "--ditto", url, "--operator", ":pw");
        assertUsage("the optimizer must follow at least one namespace", "--ditto", url, "--namespace", ",");
        assertUsage("Invalid value for option '--events'", "--ditto", url, "--events", "mqtt");
        assertUsage("--hold-time/--agent-subject: manual holds: holdTime must be zero (off) or positive, was PT-1H",
                "--ditto", url, "--hold-time", "PT-1H");
        assertUsage("an agent subject is <issuer>:<subject>", "--ditto", url, "--agent-subject", "optimizer");
    }

    @Test
    void aPersonsValueHoldsForAShiftAndTheOptimizerIsItsLoginsSubject() {
        assertThat(settings().holds().holdTime()).isEqualTo(java.time.Duration.ofHours(8));
        assertThat(settings().holds().agentSubjects()).containsExactly("nginx:" + OPTIMIZER);
        final OptimizerServiceSettings given = settings("--hold-time", "PT30M", "--agent-subject",
                "nginx:optimizer-a,nginx:optimizer-b");
        assertThat(given.holds().holdTime()).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(given.holds().agentSubjects()).containsExactlyInAnyOrder("nginx:optimizer-a",
                "nginx:optimizer-b");
        assertThat(given.optimizerConfig().holds()).isEqualTo(given.holds());
        assertThat(settings("--hold-time", "PT0S").optimizerConfig().holds().enabled()).isFalse();
    }

    @Test
    void aBadPriceFileOrAnUnreachableDittoEndWithExitCode1AndWhy() throws IOException {
        final Path prices = Files.writeString(tmp.resolve("prices.csv"), "time,eur_per_kwh\n2026-01-01T00:00Z,x\n");
        final CommandRun refused = CommandRun.of("optimizer", "--ditto", server.httpUri().toString(), "--prices",
                prices.toString(), "--data", tmp.resolve("optimizer").toString());
        assertThat(refused.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(refused.err()).contains("twinloop optimizer: ").contains("prices.csv:2:");

        final CommandRun unreachable = CommandRun.of("optimizer", "--ditto", "http://127.0.0.1:" + freePort(),
                "--data", tmp.resolve("optimizer").toString(), "--approvals-port", "0", "--start-timeout", "60");
        assertThat(unreachable.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(unreachable.err()).contains("twinloop optimizer: not started: ");
    }

    private static final String[] MACHINES = {"demo:CNC01", "demo:Press01", "demo:Robot01"};

    private static List<String> machines(final OptimizerCommand.Running running) {
        return running.runtime().service().projection().snapshot().machines().stream()
                .map(m -> m.thingId().toString()).toList();
    }

    private void importDemoPlant() {
        final CommandRun imported = againstServer(new String[] {"aas", "import"}, "--optimizer-subject",
                "nginx:" + OPTIMIZER);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
    }

    /** The command line as {@code twinloop optimizer} reads it, as the optimizer user, any free API port. */
    private OptimizerServiceSettings settings(final String... extra) {
        final List<String> args = new ArrayList<>(List.of("--ditto", server.httpUri().toString(), "--user",
                OPTIMIZER, "--password", OPTIMIZER_PASSWORD, "--namespace", "demo", "--data",
                tmp.resolve("optimizer").toString(), "--approvals-port", "0", "--status-interval", "0"));
        args.addAll(List.of(extra));
        final OptimizerCommand command = new OptimizerCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args.toArray(String[]::new));
        return command.settings();
    }

    private static void assertUsage(final String message, final String... args) {
        final String[] all = new String[args.length + 1];
        all[0] = "optimizer";
        System.arraycopy(args, 0, all, 1, args.length);
        final CommandRun run = CommandRun.of(all);
        assertThat(run.exitCode()).as(String.join(" ", all) + ": " + run.err()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(run.err()).as(String.join(" ", all)).contains(message);
    }

    private static String get(final String url, final String login, final int expectedStatus) throws Exception {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        login.getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s as %s", url, login).isEqualTo(expectedStatus);
        return response.body();
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException {
        Await.until(what, DEADLINE, condition);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
