package io.twinloop.connectors.northbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.connectors.Await;
import io.twinloop.connectors.interfaces.DataPoint;
import io.twinloop.connectors.interfaces.Direction;
import io.twinloop.connectors.interfaces.ListField;
import io.twinloop.connectors.interfaces.Mapping;
import io.twinloop.connectors.interfaces.Sink;
import io.twinloop.connectors.retry.Backoff;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * A list of records assembled from one array per field: written only from arrays of one sample, once per sample;
 * arrays of one sample that disagree in length are counted and never written. The arrays are offered as the OPC UA
 * path hands them over; the list goes through the real batcher into the real twin server. That something was NOT
 * written is proven by a marker value written after it: merges of one twin are sent in order, so once the marker is
 * in the twin, an earlier write would be too.
 */
class ListAssemblerTest {

    private static final ThingId MACHINE = ThingId.of("test:machine");
    private static final List<String> FIELDS = List.of("JobId", "DueDate", "Quantity");
    private static final Instant T1 = Instant.parse("2026-01-05T08:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-05T08:00:01Z");

    @TempDir
    Path tmp;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final BadDataCounter badData = new BadDataCounter();
    private TwinServer twins;
    private DittoClient ditto;
    private TwinUpdateBatcher batcher;
    private ListAssembler assembler;
    private int markers;

    @BeforeEach
    void start() throws Exception {
        twins = TwinServer.start(TwinServerConfig.of(tmp.resolve("twins")).withUser("ditto", "ditto"))
                .get(60, TimeUnit.SECONDS);
        ditto = DittoClient.builder(twins.httpUri()).basicAuth("ditto", "ditto").build();
        ditto.putThing(ThingsModelFactory.newThingBuilder().setId(MACHINE)
                .setFeature(ThingsModelFactory.newFeature("OperationalData",
                        ThingsModelFactory.newFeatureProperties(JsonObject.empty())))
                .build(), RequestOptions.none()).join();
        batcher = new TwinUpdateBatcher(TwinMerges.overHttp(ditto), scheduler, Duration.ofMillis(20),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), 1000);
        assembler = new ListAssembler(batcher, badData);
    }

    @AfterEach
    void stop() throws Exception {
        batcher.close();
        scheduler.shutdownNow();
        ditto.close();
        twins.close();
    }

    private static Mapping field(final String name, final String valueType) {
        return new Mapping(new DataPoint("Job" + name, "nsu=urn:test;s=m/" + name, Optional.of("array"),
                Optional.empty(), List.of(), Optional.of(true), Optional.empty()),
                Sink.listField("OperationalData", JsonPointer.of("JobQueue"), new ListField(name, FIELDS), valueType),
                Direction.DEVICE_TO_TWIN);
    }

    private void offer(final String name, final Instant stamp, final String jsonArray) {
        assembler.offer(MACHINE, field(name, "xs:string"), stamp == null ? null : new DateTime(stamp),
                JsonFactory.readFrom(jsonArray).asArray());
    }

    private void offerSample(final Instant stamp, final String ids, final String due, final String quantities) {
        offer("JobId", stamp, ids);
        offer("DueDate", stamp, due);
        offer("Quantity", stamp, quantities);
    }

    private Optional<JsonValue> twinQueue() {
        return ditto.retrieveThing(MACHINE).join().getFeatures().flatMap(f -> f.getFeature("OperationalData"))
                .flatMap(f -> f.getProperty(JsonPointer.of("JobQueue")));
    }

    /** Waits until everything handed to the batcher before this call is in the twin. */
    private void awaitEverythingWritten() {
        final JsonValue marker = JsonValue.of(++markers);
        // accepted (and counted in valuesSent) before the twin is looked at: the twin shows a value before the
        // batcher has read the twin's answer
        batcher.addTracked(MACHINE, "OperationalData", JsonPointer.of("Marker"), marker)
                .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        Await.until("marker " + marker + " in the twin", () -> ditto.retrieveThing(MACHINE).join().getFeatures()
                .flatMap(f -> f.getFeature("OperationalData")).flatMap(f -> f.getProperty(JsonPointer.of("Marker")))
                .equals(Optional.of(marker)));
    }

    private static JsonValue json(final String text) {
        return JsonFactory.readFrom(text);
    }

    @Test
    void theArraysOfOneSampleBecomeOneListWrittenOnce() {
        offerSample(T1, "[\"J1\",\"J2\"]", "[\"2026-01-05T10:00:00Z\",\"2026-01-05T12:00:00Z\"]", "[5,12]");
        awaitEverythingWritten();
        assertThat(twinQueue()).contains(json("[{\"JobId\":\"J1\",\"DueDate\":\"2026-01-05T10:00:00Z\","
                + "\"Quantity\":5},{\"JobId\":\"J2\",\"DueDate\":\"2026-01-05T12:00:00Z\",\"Quantity\":12}]"));
        final long valuesSent = batcher.valuesSent();

        // the same sample reported again (a re-created subscription): not written again
        offerSample(T1, "[\"J1\",\"J2\"]", "[\"2026-01-05T10:00:00Z\",\"2026-01-05T12:00:00Z\"]", "[5,12]");
        awaitEverythingWritten();
        assertThat(batcher.valuesSent()).as("only the marker").isEqualTo(valuesSent + 1);
        assertThat(badData.counts().values()).containsOnly(0L);
    }

    @Test
    void arraysOfDifferentSamplesAreNeverCombined() {
        offerSample(T1, "[\"J1\",\"J2\"]", "[\"2026-01-05T10:00:00Z\",\"2026-01-05T12:00:00Z\"]", "[5,12]");
        // the next sample: J1 started, J3 arrived; two of its arrays are here, the due dates still of T1
        offer("JobId", T2, "[\"J2\",\"J3\"]");
        offer("Quantity", T2, "[12,7]");
        awaitEverythingWritten();
        assertThat(twinQueue()).as("still the whole first sample").contains(json("[{\"JobId\":\"J1\","
                + "\"DueDate\":\"2026-01-05T10:00:00Z\",\"Quantity\":5},{\"JobId\":\"J2\","
                + "\"DueDate\":\"2026-01-05T12:00:00Z\",\"Quantity\":12}]"));

        offer("DueDate", T2, "[\"2026-01-05T12:00:00Z\",\"2026-01-05T15:00:00Z\"]");
        awaitEverythingWritten();
        assertThat(twinQueue()).contains(json("[{\"JobId\":\"J2\",\"DueDate\":\"2026-01-05T12:00:00Z\","
                + "\"Quantity\":12},{\"JobId\":\"J3\",\"DueDate\":\"2026-01-05T15:00:00Z\",\"Quantity\":7}]"));
    }

    @Test
    void arraysOfOneSampleThatDisagreeInLengthAreCountedAndNeverWritten() {
        offerSample(T1, "[\"J1\",\"J2\"]", "[\"2026-01-05T10:00:00Z\"]", "[5,12]");
        awaitEverythingWritten();
        assertThat(twinQueue()).isEmpty();
        assertThat(badData.count(BadDataKind.INCONSISTENT_ARRAYS)).isEqualTo(1);

        offerSample(T2, "[\"J1\"]", "[\"2026-01-05T10:00:00Z\"]", "[5]");
        awaitEverythingWritten();
        assertThat(twinQueue()).contains(json("[{\"JobId\":\"J1\",\"DueDate\":\"2026-01-05T10:00:00Z\","
                + "\"Quantity\":5}]"));
        assertThat(badData.count(BadDataKind.INCONSISTENT_ARRAYS)).isEqualTo(1);
    }

    @Test
    void arraysWithoutASourceTimestampCannotBeMatchedAndAreCounted() {
        offerSample(null, "[\"J1\"]", "[\"2026-01-05T10:00:00Z\"]", "[5]");
        awaitEverythingWritten();
        assertThat(twinQueue()).isEmpty();
        assertThat(badData.count(BadDataKind.INCONSISTENT_ARRAYS)).isEqualTo(3);
    }
}
