package io.twinloop.twin.conformance;

import static io.twinloop.twin.conformance.Await.failure;
import static io.twinloop.twin.conformance.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.ThingNotFoundException;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.client.TwinResponse;

/** Create, retrieve, modify and delete round trips on every level of a thing, with Ditto's status codes. */
class ThingCrudConformanceTest {

    static final JsonObject LAMP_THING = JsonObject.of("{"
            + "\"attributes\":{\"manufacturer\":\"ACME corp\",\"complex\":{\"some\":false,\"serialNo\":4711,\"misc\":\"foo\"}},"
            + "\"features\":{\"lamp\":{\"properties\":{\"on\":true,\"color\":\"blue\"}},"
            + "\"infrared-lamp\":{\"properties\":{\"on\":false,\"color\":\"red\"}}}}");

    static ThingId createLampThing(final TwinTarget target) {
        final ThingId id = target.newThingId();
        result(target.client().put(TwinPath.thing(id), LAMP_THING, RequestOptions.none()));
        return id;
    }

    @OnEveryTarget
    void createThingAnswers201WithTheThingAndRevision1(final TwinTarget target) {
        final ThingId id = target.newThingId();
        final TwinResponse created = result(target.client().put(TwinPath.thing(id), LAMP_THING, RequestOptions.none()));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.revision()).hasValue(1);
        final JsonObject body = created.body().orElseThrow().asObject();
        assertThat(body.getValue("thingId")).contains(JsonValue.of(id.toString()));
        assertThat(body.getValue("attributes")).contains(LAMP_THING.getValue("attributes").orElseThrow());
        // Ditto creates a policy with the thing's id when none is given.
        assertThat(body.getValue("policyId")).contains(JsonValue.of(id.toString()));
    }

    @OnEveryTarget
    void retrieveThingRoundTripsTheTypedThing(final TwinTarget target) {
        final ThingId id = target.newThingId();
        final Thing thing = Thing.newBuilder().setId(id)
                .setAttribute(JsonPointer.of("aas/idShort"), JsonValue.of("Press1"))
                .setFeatureProperty("OperationalData", JsonPointer.of("SpindleSpeed"), JsonValue.of(1200))
                .setFeatureDesiredProperty("OperationalData", JsonPointer.of("SpindleSpeed"), JsonValue.of(1500))
                .build();
        assertThat(result(target.client().putThing(thing, RequestOptions.none())).statusCode()).isEqualTo(201);

        final Thing read = result(target.client().retrieveThing(id));
        assertThat(read.getEntityId()).contains(id);
        assertThat(read.getAttributes()).isEqualTo(thing.getAttributes());
        assertThat(read.getFeatures()).isEqualTo(thing.getFeatures());
    }

    @OnEveryTarget
    void replacingAnExistingThingAnswers204AndIncrementsTheRevision(final TwinTarget target) {
        final ThingId id = createLampThing(target);
        final TwinResponse replaced = result(target.client().put(TwinPath.thing(id),
                JsonObject.of("{\"attributes\":{\"only\":1}}"), RequestOptions.none()));

        assertThat(replaced.statusCode()).isEqualTo(204);
        assertThat(replaced.body()).isEmpty();
        assertThat(replaced.revision()).hasValue(2);
        final JsonObject read = result(target.client().retrieve(TwinPath.thing(id), RequestOptions.none()))
                .body().orElseThrow().asObject();
        assertThat(read.getValue("attributes")).contains(JsonObject.of("{\"only\":1}"));
        assertThat(read.contains("features")).isFalse();
    }

    @OnEveryTarget
    void attributeLifecycle(final TwinTarget target) {
        final ThingId id = createLampThing(target);
        final DittoClient client = target.client();
        final TwinPath location = TwinPath.thing(id).attribute(JsonPointer.of("location/hall"));

        final TwinResponse created = result(client.put(location, JsonValue.of("H2"), RequestOptions.none()));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains(JsonValue.of("H2"));
        assertThat(result(client.put(location, JsonValue.of("H3"), RequestOptions.none())).statusCode()).isEqualTo(204);

        final TwinResponse read = result(client.retrieve(location, RequestOptions.none()));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains(JsonValue.of("H3"));
        assertThat(result(client.retrieve(TwinPath.thing(id).attribute(JsonPointer.of("location")),
                RequestOptions.none())).body()).contains(JsonObject.of("{\"hall\":\"H3\"}"));

        assertThat(result(client.delete(location, RequestOptions.none())).statusCode()).isEqualTo(204);
        final ThingNotFoundException gone = failure(client.retrieve(location, RequestOptions.none()),
                ThingNotFoundException.class);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).contains("things:attribute.notfound");
    }

    @OnEveryTarget
    void featurePropertiesAndDesiredPropertiesLifecycle(final TwinTarget target) {
        final ThingId id = createLampThing(target);
        final DittoClient client = target.client();

        final TwinResponse property = result(client.putFeatureProperty(id, "lamp", JsonPointer.of("brightness"),
                JsonValue.of(80), RequestOptions.none()));
        assertThat(property.statusCode()).isEqualTo(201);
        final TwinResponse desired = result(client.putFeatureDesiredProperty(id, "lamp", JsonPointer.of("brightness"),
                JsonValue.of(100), RequestOptions.none()));
        assertThat(desired.statusCode()).isEqualTo(201);
        assertThat(result(client.putFeatureDesiredProperty(id, "lamp", JsonPointer.of("brightness"),
                JsonValue.of(90), RequestOptions.none())).statusCode()).isEqualTo(204);

        assertThat(result(client.retrieve(TwinPath.thing(id).desiredProperties("lamp"), RequestOptions.none())).body())
                .contains(JsonObject.of("{\"brightness\":90}"));
        assertThat(result(client.retrieve(TwinPath.thing(id).feature("lamp"), RequestOptions.none())).body())
                .contains(JsonObject.of("{\"properties\":{\"on\":true,\"color\":\"blue\",\"brightness\":80},"
                        + "\"desiredProperties\":{\"brightness\":90}}"));

        assertThat(result(client.put(TwinPath.thing(id).properties("lamp"), JsonObject.of("{\"on\":false}"),
                RequestOptions.none())).statusCode()).isEqualTo(204);
        assertThat(result(client.retrieve(TwinPath.thing(id).properties("lamp"), RequestOptions.none())).body())
                .contains(JsonObject.of("{\"on\":false}"));

        assertThat(result(client.delete(TwinPath.thing(id).desiredProperties("lamp"), RequestOptions.none()))
                .statusCode()).isEqualTo(204);
        assertThat(failure(client.retrieve(TwinPath.thing(id).desiredProperties("lamp"), RequestOptions.none()),
                ThingNotFoundException.class).errorCode()).contains("things:feature.desiredProperties.notfound");
    }

    @OnEveryTarget
    void writingAPropertyOfAMissingFeatureIs404(final TwinTarget target) {
        final ThingId id = createLampThing(target);
        final ThingNotFoundException missing = failure(target.client().putFeatureProperty(id, "nope",
                JsonPointer.of("x"), JsonValue.of(1), RequestOptions.none()), ThingNotFoundException.class);
        assertThat(missing.errorCode()).contains("things:feature.notfound");
    }

    @OnEveryTarget
    void featuresCanBeReplacedAndDeleted(final TwinTarget target) {
        final ThingId id = createLampThing(target);
        final DittoClient client = target.client();
        final JsonObject features = JsonObject.of("{\"pump\":{\"properties\":{\"rpm\":3000}}}");

        assertThat(result(client.put(TwinPath.thing(id).features(), features, RequestOptions.none())).statusCode())
                .isEqualTo(204);
        assertThat(result(client.retrieve(TwinPath.thing(id).features(), RequestOptions.none())).body())
                .contains(features);
        assertThat(result(client.delete(TwinPath.thing(id).feature("pump"), RequestOptions.none())).statusCode())
                .isEqualTo(204);
        assertThat(failure(client.retrieve(TwinPath.thing(id).feature("pump"), RequestOptions.none()),
                ThingNotFoundException.class).errorCode()).contains("things:feature.notfound");
    }

    @OnEveryTarget
    void deletedThingIsGone(final TwinTarget target) {
        final ThingId id = createLampThing(target);
        assertThat(result(target.client().delete(TwinPath.thing(id), RequestOptions.none())).statusCode())
                .isEqualTo(204);
        final ThingNotFoundException gone = failure(target.client().retrieveThing(id), ThingNotFoundException.class);
        assertThat(gone.errorCode()).contains("things:thing.notfound");
        failure(target.client().delete(TwinPath.thing(id), RequestOptions.none()), ThingNotFoundException.class);
    }
}
