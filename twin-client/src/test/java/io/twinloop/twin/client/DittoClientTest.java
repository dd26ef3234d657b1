package io.twinloop.twin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DittoClientTest {

    private static final ThingId ID = ThingId.of("org.acme:press-1");

    private FakeDitto ditto;
    private DittoClient client;

    @BeforeEach
    void start() throws Exception {
        ditto = new FakeDitto();
        client = DittoClient.builder(ditto.uri()).basicAuth("ditto", "s3cret").build();
    }

    @AfterEach
    void stop() {
        client.close();
        ditto.close();
    }

    @Test
    void putSendsJsonBodyAndBasicAuthAndReadsRevisionFromEtag() throws Exception {
        ditto.answer(201, "{\"thingId\":\"org.acme:press-1\",\"policyId\":\"org.acme:press-1\"}", "ETag", "\"rev:1\"");
        final TwinResponse response = client.putThing(Thing.newBuilder().setId(ID).setAttribute(
                JsonPointer.of("site"), JsonValue.of("Berlin")).build(), RequestOptions.none()).join();

        final FakeDitto.Recorded request = ditto.lastRequest();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.rawPath()).isEqualTo("/api/2/things/org.acme:press-1");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("ditto:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(JsonObject.of(request.body()).getValue("attributes/site")).contains(JsonValue.of("Berlin"));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.isCreated()).isTrue();
        assertThat(response.etag()).contains("\"rev:1\"");
        assertThat(response.revision()).hasValue(1);
        assertThat(response.body().map(JsonValue::asObject).flatMap(o -> o.getValue("thingId")))
                .contains(JsonValue.of("org.acme:press-1"));
    }

    @Test
    void conditionalHeadersAcksTimeoutAndQueryParameters() throws Exception {
        ditto.answer(204, "", "ETag", "\"hash:1a2b\"");
        final TwinResponse response = client.put(TwinPath.thing(ID).desiredProperty("Op", JsonPointer.of("speed")),
                JsonValue.of(1200), RequestOptions.none()
                        .ifMatchRevision(3)
                        .condition("gt(features/Op/properties/ts,\"2024-01-01T00:00:00Z\")")
                        .requestedAcks("twin-persisted")
                        .timeout(Duration.ofSeconds(10))
                        .responseRequired(true)
                        .correlationId("c-1")).join();

        final FakeDitto.Recorded request = ditto.lastRequest();
        assertThat(request.rawPath()).isEqualTo("/api/2/things/org.acme:press-1/features/Op/desiredProperties/speed");
        assertThat(request.rawQuery())
                .isEqualTo("condition=gt(features/Op/properties/ts,%222024-01-01T00%3A00%3A00Z%22)".replace("%3A", ":"));
        assertThat(request.header("If-Match")).isEqualTo("\"rev:3\"");
        assertThat(request.header("requested-acks")).isEqualTo("twin-persisted");
        assertThat(request.header("timeout")).isEqualTo("10s");
        assertThat(request.header("response-required")).isEqualTo("true");
        assertThat(request.header("correlation-id")).isEqualTo("c-1");
        assertThat(request.body()).isEqualTo("1200");
        assertThat(response.body()).isEmpty();
        assertThat(response.etag()).contains("\"hash:1a2b\"");
        assertThat(response.revision()).isEmpty();
    }

    @Test
    void mergeUsesPatchWithMergePatchContentType() throws Exception {
        ditto.answer(204, "");
        client.merge(TwinPath.thing(ID).attributes(), JsonObject.of("{\"a\":null,\"b\":{\"c\":1}}"),
                RequestOptions.none().ifNoneMatchAny().timeout(Duration.ofMillis(250))).join();

        final FakeDitto.Recorded request = ditto.lastRequest();
        assertThat(request.method()).isEqualTo("PATCH");
        assertThat(request.header("Content-Type")).isEqualTo("application/merge-patch+json");
        assertThat(request.header("If-None-Match")).isEqualTo("*");
        assertThat(request.header("timeout")).isEqualTo("250ms");
        assertThat(request.body()).isEqualTo("{\"a\":null,\"b\":{\"c\":1}}");
    }

    @Test
    void retrieveWithFieldsParsesAnyJsonValueAndTypedThing() throws Exception {
        ditto.answer(200, "\"ACME\"");
        final TwinResponse scalar = client.retrieve(TwinPath.thing(ID).attribute(JsonPointer.of("maker")),
                RequestOptions.none()).join();
        assertThat(scalar.body()).contains(JsonValue.of("ACME"));
        ditto.lastRequest();

        ditto.answer(200, "{\"thingId\":\"org.acme:press-1\",\"attributes\":{\"maker\":\"ACME\"}}", "ETag", "\"rev:7\"");
        final Thing thing = client.retrieveThing(ID, RequestOptions.none().fields("thingId,attributes(maker)")).join();
        assertThat(thing.getEntityId()).contains(ID);
        assertThat(thing.getAttributes().flatMap(a -> a.getValue("maker"))).contains(JsonValue.of("ACME"));
        final FakeDitto.Recorded request = ditto.lastRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.rawQuery()).isEqualTo("fields=thingId,attributes(maker)");
    }

    @Test
    void dittoErrorsBecomeTypedExceptionsKeepingCodeAndDescription() {
        ditto.answer(404, "{\"status\":404,\"error\":\"things:thing.notfound\",\"message\":\"The Thing with ID "
                + "'org.acme:press-1' could not be found or requester had insufficient permissions to access it.\","
                + "\"description\":\"Check if the ID of your requested Thing was correct.\"}");
        final DittoErrorException e = failure(client.retrieveThing(ID));
        assertThat(e).isInstanceOf(ThingNotFoundException.class).isInstanceOf(NotFoundException.class);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).contains("things:thing.notfound");
        assertThat(e.description()).contains("Check if the ID of your requested Thing was correct.");
        assertThat(e.getMessage()).contains("GET " + ditto.uri() + "/api/2/things/org.acme:press-1", "thing.notfound");

        ditto.answer(412, "{\"status\":412,\"error\":\"things:precondition.failed\",\"message\":\"m\"}",
                "ETag", "\"rev:4\"");
        final DittoErrorException precondition = failure(client.delete(TwinPath.thing(ID), RequestOptions.none()));
        assertThat(precondition).isInstanceOf(PreconditionFailedException.class);
        assertThat(precondition.headers().firstValue("etag")).contains("\"rev:4\"");

        ditto.answer(403, "{\"status\":403,\"error\":\"things:thing.notmodifiable\",\"message\":\"m\"}");
        assertThat(failure(client.delete(TwinPath.thing(ID), RequestOptions.none())))
                .isInstanceOf(AccessDeniedException.class);
        ditto.answer(409, "{\"status\":409,\"error\":\"things:thing.conflict\",\"message\":\"m\"}");
        assertThat(failure(client.delete(TwinPath.thing(ID), RequestOptions.none())))
                .isInstanceOf(ConflictException.class);
        ditto.answer(404, "{\"status\":404,\"error\":\"policies:policy.notfound\",\"message\":\"m\"}");
        assertThat(failure(client.delete(TwinPath.thing(ID), RequestOptions.none())))
                .isExactlyInstanceOf(NotFoundException.class);
    }

    @Test
    void nonDittoErrorBodiesFallBackToTheHttpStatus() {
        ditto.answer(401, "", "WWW-Authenticate", "Basic realm=\"ditto\"");
        final DittoErrorException unauthorized = failure(client.retrieveThing(ID));
        assertThat(unauthorized).isInstanceOf(AuthenticationException.class);
        assertThat(unauthorized.errorCode()).isEmpty();
        assertThat(unauthorized.dittoMessage()).isEqualTo("HTTP 401 without a Ditto error body");
        assertThat(unauthorized.getMessage()).doesNotContain("s3cret");

        ditto.answer(502, "<html>Bad Gateway</html>", "Content-Type", "text/html");
        final DittoErrorException badGateway = failure(client.retrieveThing(ID));
        assertThat(badGateway).isExactlyInstanceOf(DittoErrorException.class);
        assertThat(badGateway.status()).isEqualTo(502);
        assertThat(badGateway.dittoMessage()).contains("Bad Gateway");
    }

    @Test
    void bearerAndPreAuthenticatedHeaders() throws Exception {
        try (DittoClient bearer = DittoClient.builder(ditto.uri()).bearerToken("tok").build();
             DittoClient preAuth = DittoClient.builder(URI.create(ditto.uri() + "/api/2/"))
                     .preAuthenticated("nginx:ditto").build()) {
            bearer.retrieve(TwinPath.thing(ID), RequestOptions.none()).join();
            assertThat(ditto.lastRequest().header("Authorization")).isEqualTo("Bearer tok");
            preAuth.retrieve(TwinPath.thing(ID), RequestOptions.none()).join();
            final FakeDitto.Recorded request = ditto.lastRequest();
            assertThat(request.rawPath()).isEqualTo("/api/2/things/org.acme:press-1");
            assertThat(request.header("x-ditto-pre-authenticated")).isEqualTo("nginx:ditto");
            assertThat(request.header("Authorization")).isNull();
        }
    }

    @Test
    void connectionFailureNamesTheUri() throws Exception {
        final int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        try (DittoClient nowhere = DittoClient.builder(URI.create("http://127.0.0.1:" + freePort)).build()) {
            assertThatThrownBy(() -> nowhere.retrieveThing(ID).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(DittoConnectionException.class)
                    .hasMessageContaining("GET http://127.0.0.1:" + freePort + "/api/2/things/org.acme:press-1");
        }
    }

    @Test
    void closedClientRejectsRequests() {
        client.close();
        assertThatThrownBy(() -> client.retrieveThing(ID).join()).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void revisionParsing() {
        assertThat(TwinResponse.revisionOf("\"rev:42\"")).hasValue(42);
        assertThat(TwinResponse.revisionOf("W/\"rev:5\"")).hasValue(5);
        assertThat(TwinResponse.revisionOf("\"hash:abc\"")).isEqualTo(OptionalLong.empty());
        assertThat(TwinResponse.revisionOf("rev:42")).isEmpty();
        assertThat(RequestOptions.none().requestedAcks().isPresent()).isFalse();
        assertThat(RequestOptions.dittoDuration(Duration.ofMinutes(1))).isEqualTo("60s");
    }

    private static DittoErrorException failure(final java.util.concurrent.CompletableFuture<?> future) {
        final Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(future::join);
        assertThat(thrown).isInstanceOf(CompletionException.class).hasCauseInstanceOf(DittoErrorException.class);
        return (DittoErrorException) thrown.getCause();
    }
}
