package io.twinloop.twin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * The client's twin commands over {@code /ws/2} against the embedded twin server, over real sockets. It lives here,
 * beside the conformance suite, because the twin client must not depend on the server (not even for its tests).
 */
class TwinCommandsTest {

    private static final ThingId ID = ThingId.of("org.acme:press-1");
    private static final TwinPath SPEED = TwinPath.thing(ID).property("spindle", JsonPointer.of("speed"));

    @TempDir
    Path data;
    private TwinServer server;
    private DittoClient client;
    private TwinCommands commands;

    @BeforeEach
    void start() throws Exception {
        server = TwinServer.start(TwinServerConfig.of(data).withUser("ditto", "s3cret")).get(30, TimeUnit.SECONDS);
        client = DittoClient.builder(server.httpUri()).basicAuth("ditto", "s3cret").build();
        commands = client.openCommands().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        commands.close();
        client.close();
        server.close();
    }

    private static Thing press() {
        return Thing.newBuilder().setId(ID).setAttribute(JsonPointer.of("site"), JsonValue.of("Berlin"))
                .setFeatureProperty("spindle", JsonPointer.of("speed"), JsonValue.of(1200)).build();
    }

    @Test
    void roundTripsCreateModifyRetrieveMergeDelete() {
        final TwinResponse created = commands.create(press(), RequestOptions.none()).join();
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body().map(JsonValue::asObject).flatMap(t -> t.getValue("attributes/site")))
                .contains(JsonValue.of("Berlin"));

        final TwinResponse modified = commands.modify(SPEED, JsonValue.of(1500),
                RequestOptions.none().requestedAcks("twin-persisted").timeout(Duration.ofSeconds(10))).join();
        assertThat(modified.statusCode()).isEqualTo(204);
        assertThat(modified.etag()).isPresent();

        final TwinResponse speed = commands.retrieve(SPEED, RequestOptions.none()).join();
        assertThat(speed.statusCode()).isEqualTo(200);
        assertThat(speed.body()).contains(JsonValue.of(1500));
        assertThat(speed.etag()).isEqualTo(modified.etag());

        commands.merge(TwinPath.thing(ID).attributes(), JsonObject.of("{\"site\":null,\"hall\":\"H2\"}"),
                RequestOptions.none()).join();
        final Thing merged = commands.retrieveThing(ID, RequestOptions.none().fields("thingId,attributes,_revision"))
                .join();
        assertThat(merged.getAttributes().orElseThrow().toString()).isEqualTo("{\"hall\":\"H2\"}");
        assertThat(merged.getRevision()).hasValueSatisfying(r -> assertThat(r.toLong()).isEqualTo(3));

        // what went over the WebSocket is what HTTP sees
        assertThat(client.retrieve(SPEED, RequestOptions.none()).join().body()).contains(JsonValue.of(1500));

        assertThat(commands.delete(TwinPath.thing(ID), RequestOptions.none()).join().statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> client.retrieveThing(ID).join()).hasCauseInstanceOf(ThingNotFoundException.class);
    }

    @Test
    void errorsAreTheHttpClientsTypedExceptionsWithDittosCodeAndDescription() {
        assertThatThrownBy(() -> commands.retrieve(SPEED, RequestOptions.none().correlationId("c-404")).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ThingNotFoundException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).contains("things:thing.notfound");
                    assertThat(e.description()).isPresent();
                    assertThat(e.request()).contains("retrieve org.acme:press-1/features/spindle/properties/speed")
                            .contains("c-404");
                });

        final long revision = commands.create(press(), RequestOptions.none()).join().body().map(JsonValue::asObject)
                .flatMap(t -> t.getValue("_revision")).map(JsonValue::asLong).orElse(1L);
        commands.modify(SPEED, JsonValue.of(1300), RequestOptions.none()).join();
        // the thing moved on from the revision read: optimistic locking refuses the stale write
        assertThatThrownBy(() -> commands.merge(TwinPath.thing(ID), JsonObject.of("{\"attributes\":{\"x\":1}}"),
                RequestOptions.none().ifMatchRevision(revision)).join())
                .cause().isInstanceOfSatisfying(PreconditionFailedException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.errorCode()).contains("things:precondition.failed");
                    assertThat(e.dittoMessage()).isNotBlank();
                });

        assertThatThrownBy(() -> commands.create(press(), RequestOptions.none()).join())
                .cause().isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errorCode()).contains("things:thing.conflict"));

        assertThatThrownBy(() -> commands.modify(SPEED, JsonValue.of(1), RequestOptions.none()
                .condition("eq(attributes/site,\"Paris\")")).join())
                .cause().isInstanceOfSatisfying(PreconditionFailedException.class,
                        e -> assertThat(e.errorCode()).contains("things:condition.failed"));
    }

    @Test
    void manyCommandsInFlightAreMatchedToTheirOwnResponses() {
        final int things = 50;
        final List<CompletableFuture<TwinResponse>> writes = new ArrayList<>();
        for (int i = 0; i < things; i++) {
            writes.add(commands.create(Thing.newBuilder().setId(ThingId.of("org.acme:m-" + i))
                    .setAttribute(JsonPointer.of("n"), JsonValue.of(i)).build(), RequestOptions.none()));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        final List<CompletableFuture<TwinResponse>> reads = new ArrayList<>();
        for (int i = 0; i < things; i++) {
            reads.add(commands.retrieve(TwinPath.thing(ThingId.of("org.acme:m-" + i)).attribute(JsonPointer.of("n")),
                    RequestOptions.none()));
        }
        final Set<String> correlationIds = new HashSet<>();
        for (int i = 0; i < things; i++) {
            final TwinResponse read = reads.get(i).join();
            assertThat(read.body()).contains(JsonValue.of(i));
            correlationIds.add(read.header("correlation-id").orElseThrow());
        }
        assertThat(correlationIds).hasSize(things);
        assertThat(commands.inFlight()).isZero();
    }

    @Test
    void aCallbackMaySendTheNextCommandIntoThePlaceItsCommandFreed() throws Exception {
        commands.create(press(), RequestOptions.none()).join();
        try (DittoClient oneAtATime = DittoClient.builder(server.httpUri()).basicAuth("ditto", "s3cret")
                .maxCommandsInFlight(1).build();
                TwinCommands single = oneAtATime.openCommands().get(10, TimeUnit.SECONDS)) {
            final TwinResponse second = single.retrieve(SPEED, RequestOptions.none())
                    .thenCompose(first -> single.retrieve(SPEED, RequestOptions.none())).join();
            assertThat(second.body()).contains(JsonValue.of(1200));
        }
    }

    @Test
    void withoutRequiredResponseTheCommandCompletesAsAcceptedOnceSent() {
        commands.create(press(), RequestOptions.none()).join();
        final TwinResponse accepted = commands.modify(SPEED, JsonValue.of(900),
                RequestOptions.none().responseRequired(false)).join();
        assertThat(accepted.statusCode()).isEqualTo(202);
        // the embedded server applies the writes of one connection in order: once a later one is persisted, so is it
        commands.modify(TwinPath.thing(ID).attribute(JsonPointer.of("after")), JsonValue.of(true),
                RequestOptions.none().requestedAcks("twin-persisted")).join();
        assertThat(commands.retrieve(SPEED, RequestOptions.none()).join().body()).contains(JsonValue.of(900));
    }

    @Test
    void aCommandAfterTheServerWentAwayFailsAndOneAfterItsReturnReconnects() throws Exception {
        commands.create(press(), RequestOptions.none()).join();
        final int port = server.httpUri().getPort();
        server.close();

        assertThatThrownBy(() -> commands.retrieve(SPEED, RequestOptions.none()).join())
                .cause().isInstanceOf(DittoConnectionException.class)
                .hasMessageContaining("ws://");

        server = TwinServer.start(TwinServerConfig.of(data).withUser("ditto", "s3cret").withPort(port))
                .get(30, TimeUnit.SECONDS);
        assertThat(commands.retrieve(SPEED, RequestOptions.none()).join().body()).contains(JsonValue.of(1200));
    }

    @Test
    void refusedCredentialsFailTheOpening() {
        try (DittoClient stranger = DittoClient.builder(server.httpUri()).basicAuth("ditto", "wrong").build()) {
            assertThatThrownBy(() -> stranger.openCommands().join())
                    .cause().isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void invalidHeaderValuesAreRefusedBeforeSending() {
        assertThatThrownBy(() -> commands.retrieve(SPEED, RequestOptions.none().ifMatch("not-a-tag")).join())
                .cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retrieve org.acme:press-1");
    }
}
