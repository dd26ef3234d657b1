package io.twinloop.twin.conformance;

import static io.twinloop.twin.conformance.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.client.TwinResponse;

/** {@code requested-acks: twin-persisted} with a timeout, per Ditto's basic-acknowledgements documentation. */
class AcknowledgementConformanceTest {

    private static final RequestOptions PERSISTED =
            RequestOptions.none().requestedAcks("twin-persisted").timeout(Duration.ofSeconds(10));

    @OnEveryTarget
    void twinPersistedWriteAnswersLikeAPlainWrite(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        // With only the built-in twin-persisted ack requested, Ditto answers with the command's own response.
        final TwinResponse written = result(target.client().putFeatureDesiredProperty(id, "lamp",
                JsonPointer.of("brightness"), JsonValue.of(70), PERSISTED));

        assertThat(written.statusCode()).isEqualTo(201);
        assertThat(written.body()).contains(JsonValue.of(70));
        assertThat(result(target.client().retrieve(TwinPath.thing(id).desiredProperty("lamp",
                JsonPointer.of("brightness")), RequestOptions.none())).body()).contains(JsonValue.of(70));
    }

    @OnEveryTarget
    void twinPersistedCreateOfAThing(final TwinTarget target) {
        final ThingId id = target.newThingId();
        final TwinResponse created = result(target.client().put(TwinPath.thing(id),
                ThingCrudConformanceTest.LAMP_THING, PERSISTED));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.revision()).hasValue(1);
    }

    @OnEveryTarget
    void responseNotRequiredAnswers202AfterTheAck(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final TwinPath on = TwinPath.thing(id).property("lamp", JsonPointer.of("on"));
        // Ditto's table: response-required=false, requested-acks non-empty, timeout non-zero -> 202 after the acks.
        final TwinResponse accepted = result(target.client().put(on, JsonValue.of(false),
                PERSISTED.responseRequired(false)));

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).isEmpty();
        // the ack was twin-persisted, so the change must already be readable
        assertThat(result(target.client().retrieve(on, RequestOptions.none())).body()).contains(JsonValue.of(false));
    }
}
