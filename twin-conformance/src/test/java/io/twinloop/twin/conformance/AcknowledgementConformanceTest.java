package io.twinloop.twin.conformance;

import static io.twinloop.twin.conformance.Await.failure;
import static io.twinloop.twin.conformance.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.twin.client.DittoErrorException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.client.TwinResponse;

/**
 * {@code requested-acks} and {@code timeout}, per Ditto's basic-acknowledgements documentation and its gateway:
 * {@code twin-persisted}, a custom label that nobody acknowledges (the tests declare no acknowledging subscriber,
 * so on any target it times out), and refused header values.
 */
class AcknowledgementConformanceTest {

    private static final RequestOptions PERSISTED =
            RequestOptions.none().requestedAcks("twin-persisted").timeout(Duration.ofSeconds(10));
    /** A label no subscriber declares; short enough a timeout to keep the tests quick. */
    private static final String UNDECLARED = "conformance-unacknowledged";
    private static final Duration SHORT = Duration.ofSeconds(2);

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

    @OnEveryTarget
    void anUnacknowledgedLabelAloneTimesOutWith408(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final TwinPath color = TwinPath.thing(id).property("lamp", JsonPointer.of("color"));
        final DittoErrorException e = failure(target.client().put(color, JsonValue.of("green"),
                RequestOptions.none().requestedAcks(UNDECLARED).timeout(SHORT)), DittoErrorException.class);

        assertThat(e.status()).isEqualTo(408);
        assertThat(e.errorCode()).contains("acknowledgement:request.timeout");
        assertThat(e.dittoMessage()).contains("timeout");
        // only the acknowledgement is missing: the write itself was done
        assertThat(result(target.client().retrieve(color, RequestOptions.none())).body())
                .contains(JsonValue.of("green"));
    }

    @OnEveryTarget
    void anUnacknowledgedLabelWithTwinPersistedIs424WithEachAcknowledgement(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final RawHttp.Answer answer = RawHttp.put(target, "/api/2/things/" + id + "/features/lamp/properties/dim",
                "42", "requested-acks", "twin-persisted," + UNDECLARED, "timeout", "2s");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(424);
        final JsonObject persisted = answer.body().getValue("twin-persisted").orElseThrow().asObject();
        assertThat(persisted.getValue("status")).contains(JsonValue.of(201));
        assertThat(persisted.getValue("payload")).contains(JsonValue.of(42));
        assertThat(persisted.getValue("headers").filter(JsonValue::isObject)).isPresent();
        final JsonObject missing = answer.body().getValue(UNDECLARED).orElseThrow().asObject();
        assertThat(missing.getValue("status")).contains(JsonValue.of(408));
        assertThat(missing.getValue("payload/status")).contains(JsonValue.of(408));
        assertThat(missing.getValue("payload/error")).contains(JsonValue.of("acknowledgement:request.timeout"));
        assertThat(answer.body().getSize()).isEqualTo(2);
        assertThat(result(target.client().retrieve(TwinPath.thing(id).property("lamp", JsonPointer.of("dim")),
                RequestOptions.none())).body()).contains(JsonValue.of(42));
    }

    @OnEveryTarget
    void withoutAResponseA424KeepsOnlyTheStatuses(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final RawHttp.Answer answer = RawHttp.put(target, "/api/2/things/" + id + "/features/lamp/properties/on",
                "false", "requested-acks", "twin-persisted," + UNDECLARED, "timeout", "2s",
                "response-required", "false");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(424);
        assertThat(answer.body().getValue("twin-persisted/status")).contains(JsonValue.of(204));
        assertThat(answer.body().getValue(UNDECLARED + "/status")).contains(JsonValue.of(408));
        assertThat(answer.body().getValue("twin-persisted/payload")).isEmpty();
        assertThat(answer.body().getValue(UNDECLARED + "/payload")).isEmpty();
    }

    @OnEveryTarget
    void malformedAcknowledgementLabelsAre400(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        // a label has 3 to 165 characters of [a-zA-Z0-9-_:]
        for (final String label : new String[]{"ab", "not a label"}) {
            final DittoErrorException e = failure(putColor(target, id, RequestOptions.none().requestedAcks(label)),
                    DittoErrorException.class);
            assertThat(e.status()).as(label).isEqualTo(400);
            assertThat(e.errorCode()).as(label).contains("header.invalid");
        }
    }

    @OnEveryTarget
    void malformedAndNegativeTimeoutsAre400(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        for (final String timeout : new String[]{"soon", "1.5s", "-1s"}) {
            final DittoErrorException e = failure(putColor(target, id, RequestOptions.none().header("timeout", timeout)),
                    DittoErrorException.class);
            assertThat(e.status()).as(timeout).isEqualTo(400);
            assertThat(e.errorCode()).as(timeout).contains("timeout.invalid");
        }
    }

    @OnEveryTarget
    void aTimeoutAboveSixtySecondsIs400(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final DittoErrorException e = failure(putColor(target, id,
                RequestOptions.none().timeout(Duration.ofSeconds(61))), DittoErrorException.class);

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorCode()).contains("gateway:timeout.invalid");
    }

    @OnEveryTarget
    void aZeroTimeoutWithRequestedAcksIs400(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final DittoErrorException e = failure(putColor(target, id,
                RequestOptions.none().requestedAcks("twin-persisted").timeout(Duration.ZERO)),
                DittoErrorException.class);

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorCode()).contains("header.invalid");
        // Ditto's table: timeout 0 alone means "do not wait", 202 Accepted
        assertThat(result(putColor(target, id, RequestOptions.none().timeout(Duration.ZERO))).statusCode())
                .isEqualTo(202);
    }

    private static java.util.concurrent.CompletableFuture<TwinResponse> putColor(final TwinTarget target,
            final ThingId id, final RequestOptions options) {
        return target.client().put(TwinPath.thing(id).property("lamp", JsonPointer.of("color")), JsonValue.of("red"),
                options);
    }
}
