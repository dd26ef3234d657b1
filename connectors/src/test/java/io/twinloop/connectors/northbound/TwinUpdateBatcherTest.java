package io.twinloop.connectors.northbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.twinloop.connectors.Await;
import io.twinloop.connectors.retry.Backoff;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * What the connector does with device values the twin does not take: kept (latest per data point) and retried
 * while the twin is away or answers 503, bounded by {@code maxBufferedValues}, dropped and counted when the twin
 * refuses them for good. Real twin server and real sockets; the 503 comes from a stand-in HTTP server answering as
 * Ditto's gateway does when a service is unavailable (the embedded server has no such state).
 */
class TwinUpdateBatcherTest {

    private static final ThingId METER = ThingId.of("test:meter");
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200));
    private static final Duration WINDOW = Duration.ofMillis(20);

    @TempDir
    Path tmp;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private TwinServer twins;
    private DittoClient ditto;
    private TwinUpdateBatcher batcher;
    private TwinMerges merges;
    private HttpServer standIn;

    @ParameterizedTest
    @EnumSource(TwinMerges.Transport.class)
    void whileTheTwinIsAwayTheBufferStaysWithinItsBoundAndDeliversWhenItIsBack(final TwinMerges.Transport transport) throws Exception {
        final TwinServerConfig config = TwinServerConfig.of(tmp.resolve("twins")).withUser("ditto", "ditto")
                .withPort(freePort());
        twins = TwinServer.start(config).get(60, TimeUnit.SECONDS);
        ditto = DittoClient.builder(twins.httpUri()).basicAuth("ditto", "ditto").build();
        ditto.putThing(meter(), RequestOptions.none()).join();
        twins.close();
        merges = TwinMerges.of(transport, ditto);
        // a window far longer than the test: the values go out when the batch ends, all thirteen added by then
        batcher = new TwinUpdateBatcher(merges, scheduler, Duration.ofHours(1), QUICK, 5);

        for (int point = 0; point < 8; point++) {
            batcher.add(METER, "Data", JsonPointer.of("p" + point), JsonValue.of(1));
        }
        for (int point = 0; point < 5; point++) { // newer values of points already held replace theirs
            batcher.add(METER, "Data", JsonPointer.of("p" + point), JsonValue.of(2));
        }
        batcher.batchEnded();
        Await.until("merges into the stopped twin server are retried", () -> batcher.mergesRetried() >= 2);
        assertThat(batcher.valuesBuffered()).isEqualTo(5);
        assertThat(batcher.valuesDropped()).as("p5..p7 found the buffer full").isEqualTo(3);

        twins = TwinServer.start(config).get(60, TimeUnit.SECONDS);
        Await.until("the held values reach the twin", () -> batcher.valuesBuffered() == 0);
        final JsonObject data = dataOf(METER).orElseThrow();
        for (int point = 0; point < 5; point++) {
            assertThat(data.getValue("p" + point)).contains(JsonValue.of(2));
        }
        assertThat(data.contains("p5")).isFalse();
        assertThat(batcher.mergesFailed()).isZero();

        batcher.add(METER, "Data", JsonPointer.of("p5"), JsonValue.of(3)); // room again
        batcher.batchEnded();
        Await.until("a new value of a dropped point arrives",
                () -> dataOf(METER).flatMap(d -> d.getValue("p5")).equals(Optional.of(JsonValue.of(3))));
    }

    @ParameterizedTest
    @EnumSource(TwinMerges.Transport.class)
    void aTwinThatIsGoneRefusesTheMergeAndItsValuesAreDroppedNotRetried(final TwinMerges.Transport transport) throws Exception {
        twins = TwinServer.start(TwinServerConfig.of(tmp.resolve("twins")).withUser("ditto", "ditto"))
                .get(60, TimeUnit.SECONDS);
        ditto = DittoClient.builder(twins.httpUri()).basicAuth("ditto", "ditto").build();
        merges = TwinMerges.of(transport, ditto);
        batcher = new TwinUpdateBatcher(merges, scheduler, WINDOW, QUICK, 5);
        final ThingId gone = ThingId.of("test:gone");

        batcher.add(gone, "Data", JsonPointer.of("p0"), JsonValue.of(1));
        batcher.add(gone, "Data", JsonPointer.of("p1"), JsonValue.of(1));

        Await.until("the 404 is taken as final for both values", () -> batcher.valuesDropped() == 2);
        // one merge, or two if the window closed between the two values
        assertThat(batcher.mergesFailed()).isBetween(1L, 2L);
        assertThat(batcher.valuesBuffered()).isZero();
        assertThat(batcher.mergesRetried()).isZero();
        assertThat(ditto.retrieve(TwinPath.thing(gone), RequestOptions.none()).handle((r, e) -> e).join())
                .as("the merge below the features did not create the twin").isNotNull();
    }

    @Test
    void serviceUnavailableIsRetriedUntilTheTwinTakesTheValues() throws Exception {
        final AtomicInteger patches = new AtomicInteger();
        standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        standIn.createContext("/api/2/things/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (patches.incrementAndGet() <= 3) {
                answerUnavailable(exchange);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        standIn.start();
        ditto = DittoClient.builder(URI.create("http://127.0.0.1:" + standIn.getAddress().getPort()))
                .basicAuth("ditto", "ditto").build();
        batcher = new TwinUpdateBatcher(TwinMerges.overHttp(ditto), scheduler, WINDOW, QUICK, 5);

        batcher.add(METER, "Data", JsonPointer.of("p0"), JsonValue.of(1));

        Await.until("the value is accepted after the 503s", () -> batcher.valuesSent() == 1);
        assertThat(batcher.mergesRetried()).isEqualTo(3);
        assertThat(batcher.mergesFailed()).isZero();
        assertThat(batcher.valuesDropped()).isZero();
        assertThat(patches.get()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(TwinMerges.Transport.class)
    void closingWritesWhatIsQueuedAtOnce(final TwinMerges.Transport transport) throws Exception {
        startTwinServerWithMeter(transport);
        // a window far longer than the test: only the close can send these values
        batcher = new TwinUpdateBatcher(merges, scheduler, Duration.ofHours(1), QUICK, 50);
        for (int point = 0; point < 10; point++) {
            batcher.add(METER, "Data", JsonPointer.of("p" + point), JsonValue.of(point));
        }

        batcher.close(Duration.ofSeconds(30));

        assertThat(batcher.valuesBuffered()).isZero();
        assertThat(batcher.valuesSent()).isEqualTo(10);
        final JsonObject data = dataOf(METER).orElseThrow();
        for (int point = 0; point < 10; point++) {
            assertThat(data.getValue("p" + point)).contains(JsonValue.of(point));
        }
    }

    @ParameterizedTest
    @EnumSource(TwinMerges.Transport.class)
    void theEndOfASourcesBatchSendsItsValuesInOneMergeWithoutWaitingForTheWindow(
            final TwinMerges.Transport transport) throws Exception {
        startTwinServerWithMeter(transport);
        // a window far longer than the test: only the end of the batch can send these values
        batcher = new TwinUpdateBatcher(merges, scheduler, Duration.ofHours(1), QUICK, 50);
        for (int point = 0; point < 4; point++) {
            batcher.add(METER, "Data", JsonPointer.of("p" + point), JsonValue.of(point));
        }

        batcher.batchEnded();

        Await.until("the batch's values are in the twin", () -> batcher.valuesSent() == 4);
        assertThat(batcher.mergesSent()).isEqualTo(1);
        assertThat(dataOf(METER).orElseThrow().getValue("p3")).contains(JsonValue.of(3));
    }

    @Test
    void theEndOfABatchDoesNotCutAnUnavailableTwinsBackoffShort() throws Exception {
        final AtomicInteger requests = new AtomicInteger();
        standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        standIn.createContext("/api/2/things/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            answerUnavailable(exchange);
            exchange.close();
        });
        standIn.start();
        ditto = DittoClient.builder(URI.create("http://127.0.0.1:" + standIn.getAddress().getPort()))
                .basicAuth("ditto", "ditto").build();
        batcher = new TwinUpdateBatcher(TwinMerges.overHttp(ditto), scheduler, Duration.ofMillis(1),
                new Backoff(Duration.ofHours(1), Duration.ofHours(1)), 50);
        batcher.add(METER, "Data", JsonPointer.of("p0"), JsonValue.of(0));
        Await.until("the first merge was refused with 503", () -> batcher.mergesRetried() == 1);

        for (int batch = 0; batch < 20; batch++) {
            batcher.add(METER, "Data", JsonPointer.of("p0"), JsonValue.of(batch));
            batcher.batchEnded();
        }
        Thread.sleep(300); // room for any merge the batches might wrongly have sent

        assertThat(requests.get()).as("merges sent while the backoff of an hour runs").isEqualTo(1);
        assertThat(batcher.valuesBuffered()).isEqualTo(1);
    }

    private void startTwinServerWithMeter(final TwinMerges.Transport transport) throws Exception {
        twins = TwinServer.start(TwinServerConfig.of(tmp.resolve("twins")).withUser("ditto", "ditto"))
                .get(60, TimeUnit.SECONDS);
        ditto = DittoClient.builder(twins.httpUri()).basicAuth("ditto", "ditto").build();
        ditto.putThing(meter(), RequestOptions.none()).join();
        merges = TwinMerges.of(transport, ditto);
    }

    /** As Ditto's gateway answers when a service is unavailable. */
    private static void answerUnavailable(final HttpExchange exchange) throws IOException {
        final byte[] body = ("{\"status\":503,\"error\":\"gateway:service.unavailable\","
                + "\"message\":\"The service is currently unavailable.\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(503, body.length);
        exchange.getResponseBody().write(body);
    }

    private static Thing meter() {
        return ThingsModelFactory.newThingBuilder().setId(METER)
                .setFeature(ThingsModelFactory.newFeature("Data",
                        ThingsModelFactory.newFeatureProperties(JsonObject.empty())))
                .build();
    }

    private Optional<JsonObject> dataOf(final ThingId id) {
        return ditto.retrieveThing(id).join().getFeatures().flatMap(f -> f.getFeature("Data"))
                .flatMap(f -> f.getProperties()).map(JsonObject.class::cast);
    }

    @AfterEach
    void stop() throws Exception {
        if (batcher != null) {
            batcher.close();
        }
        if (merges != null) {
            merges.close();
        }
        scheduler.shutdownNow();
        if (ditto != null) {
            ditto.close();
        }
        if (twins != null) {
            twins.close();
        }
        if (standIn != null) {
            standIn.stop(0);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
