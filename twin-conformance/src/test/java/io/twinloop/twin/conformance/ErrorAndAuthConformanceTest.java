package io.twinloop.twin.conformance;

import static io.twinloop.twin.conformance.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.twin.client.AuthenticationException;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.DittoErrorException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.ThingNotFoundException;

/** Error JSON in Ditto's shape, and refused authentication. */
class ErrorAndAuthConformanceTest {

    @OnEveryTarget
    void missingThingIs404WithDittosErrorJson(final TwinTarget target) {
        final ThingId id = target.newThingId();
        final ThingNotFoundException e = failure(target.client().retrieveThing(id), ThingNotFoundException.class);

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).contains("things:thing.notfound");
        assertThat(e.dittoMessage()).contains(id.toString());
        assertThat(e.description()).isPresent();
    }

    @OnEveryTarget
    void invalidThingIdIs400(final TwinTarget target) {
        // ThingId refuses to build an invalid id, so this goes through the client's raw escape hatch.
        final DittoErrorException e = failure(target.client().request("GET", "/api/2/things/no-namespace-separator",
                null, RequestOptions.none()), DittoErrorException.class);

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorCode()).contains("things:id.invalid");
        assertThat(e.description()).isPresent();
    }

    @OnEveryTarget
    void wrongPasswordIs401(final TwinTarget target) {
        try (DittoClient wrong = target.unauthenticatedClient()
                .basicAuth(target.username(), "definitely-not-the-password").build()) {
            final AuthenticationException e = failure(wrong.retrieveThing(target.newThingId()),
                    AuthenticationException.class);
            assertThat(e.status()).isEqualTo(401);
        }
    }

    @OnEveryTarget
    void noCredentialsIs401(final TwinTarget target) {
        try (DittoClient anonymous = target.unauthenticatedClient().build()) {
            failure(anonymous.retrieveThing(target.newThingId()), AuthenticationException.class);
        }
    }
}
