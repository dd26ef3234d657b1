package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

class AuthenticationTest extends ServerTestSupport {

    private HttpRequest.Builder anonymous(final String path) {
        return HttpRequest.newBuilder(URI.create(server.httpUri() + "/api/2/things/" + path));
    }

    @Test
    void missingCredentialsAre401WithChallenge() throws Exception {
        final var response = send(anonymous(THING).GET().build());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(error(response)).isEqualTo("gateway:authentication.failed");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"TwinLoop\"");
    }

    @Test
    void wrongPasswordAndUnknownUserAre401() throws Exception {
        final var wrong = send(anonymous(THING).header("Authorization", basic(USER, "nope")).GET().build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(error(wrong)).isEqualTo("gateway:authentication.failed");
        final var unknown = send(anonymous(THING).header("Authorization", basic("mallory", PASSWORD))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(get(THING).statusCode()).isEqualTo(404);
    }

    @Test
    void preAuthenticatedHeaderIsRefusedWhenDisabled() throws Exception {
        final var response = send(anonymous(THING).header("x-ditto-pre-authenticated", "nginx:alice").GET().build());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void preAuthenticatedHeaderIsAcceptedWhenEnabled() throws Exception {
        server.close();
        server = TwinServer.start(config().withPreAuthenticatedHeader(true)).get();
        final var created = send(anonymous(THING).header("x-ditto-pre-authenticated", "nginx:bob")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(created.statusCode()).isEqualTo(201);
        final var malformed = send(anonymous(THING).header("x-ditto-pre-authenticated", "bob").GET().build());
        assertThat(malformed.statusCode()).isEqualTo(401);
    }
}
