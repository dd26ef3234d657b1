package io.twinloop.twin.conformance;

import static io.twinloop.twin.conformance.Await.failure;
import static io.twinloop.twin.conformance.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.ThingNotFoundException;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.client.TwinResponse;

/** JSON merge patch (RFC 7396) via PATCH, as Ditto's httpapi-concepts documentation describes it. */
class MergeConformanceTest {

    @OnEveryTarget
    void documentedExampleAddsReplacesAndDeletesInOneRequest(final TwinTarget target) {
        final ThingId id = target.newThingId();
        final DittoClient client = target.client();
        result(client.put(TwinPath.thing(id), JsonObject.of("{"
                + "\"attributes\":{\"location\":{\"longitude\":47.68217,\"latitude\":9.386372},\"serialNo\":\"0000000\"},"
                + "\"features\":{\"temperature\":{\"properties\":{\"value\":25.43,\"unit\":\"°C\"}},"
                + "\"pressure\":{\"properties\":{\"value\":1013.25,\"unit\":\"hPa\"}}}}"), RequestOptions.none()));

        final TwinResponse merged = result(client.merge(TwinPath.thing(id), JsonObject.of("{"
                + "\"attributes\":{\"location\":null,\"manufacturer\":\"Bosch\",\"serialNo\":\"23091861\"},"
                + "\"features\":{\"temperature\":{\"properties\":{\"value\":26.89}},"
                + "\"pressure\":{\"properties\":{\"unit\":null}},"
                + "\"humidity\":{\"properties\":{\"value\":55,\"unit\":\"%\"}}}}"), RequestOptions.none()));

        assertThat(merged.statusCode()).isEqualTo(204);
        final JsonObject thing = result(client.retrieve(TwinPath.thing(id), RequestOptions.none()))
                .body().orElseThrow().asObject();
        assertThat(thing.getValue("attributes"))
                .contains(JsonObject.of("{\"manufacturer\":\"Bosch\",\"serialNo\":\"23091861\"}"));
        assertThat(thing.getValue("features")).contains(JsonObject.of("{"
                + "\"temperature\":{\"properties\":{\"value\":26.89,\"unit\":\"°C\"}},"
                + "\"pressure\":{\"properties\":{\"value\":1013.25}},"
                + "\"humidity\":{\"properties\":{\"value\":55,\"unit\":\"%\"}}}"));
    }

    @OnEveryTarget
    void mergeCreatesMissingNestedObjectsAndIgnoresNullForAbsentMembers(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final DittoClient client = target.client();

        assertThat(result(client.merge(TwinPath.thing(id).attributes(),
                JsonObject.of("{\"aas\":{\"admin\":{\"version\":\"1\"}},\"notThere\":null}"),
                RequestOptions.none())).statusCode()).isEqualTo(204);
        final JsonValue attributes = result(client.retrieve(TwinPath.thing(id).attributes(), RequestOptions.none()))
                .body().orElseThrow();
        assertThat(attributes.asObject().getValue("aas/admin/version")).contains(JsonValue.of("1"));
        assertThat(attributes.asObject().contains("notThere")).isFalse();
        assertThat(attributes.asObject().getValue("manufacturer")).contains(JsonValue.of("ACME corp"));
    }

    @OnEveryTarget
    void mergeOnAPropertyPathAndRevisionIncrements(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final DittoClient client = target.client();
        assertThat(result(client.merge(TwinPath.thing(id).desiredProperty("lamp", JsonPointer.of("schedule")),
                JsonObject.of("{\"on\":\"06:00\",\"off\":null}"), RequestOptions.none())).statusCode()).isEqualTo(204);
        final TwinResponse thing = result(client.retrieve(TwinPath.thing(id), RequestOptions.none()));
        assertThat(thing.revision()).hasValue(2);
        assertThat(thing.body().orElseThrow().asObject().getValue("features/lamp/desiredProperties/schedule"))
                .contains(JsonObject.of("{\"on\":\"06:00\"}"));
    }

    @OnEveryTarget
    void mergeOnTheRootOfAMissingThingCreatesItWithoutTheNulls(final TwinTarget target) {
        // Ditto >= 3.3 turns a root-level merge of a missing thing into a create (ModifyToCreateThingTransformer,
        // documented on PATCH /things/{thingId}: "If the thing did not yet exist, it will be created.").
        final ThingId id = target.newThingId();
        final TwinResponse created = result(target.client().merge(TwinPath.thing(id),
                JsonObject.of("{\"attributes\":{\"a\":1,\"gone\":null}}"), RequestOptions.none()));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(result(target.client().retrieve(TwinPath.thing(id).attributes(), RequestOptions.none())).body())
                .contains(JsonObject.of("{\"a\":1}"));
    }

    @OnEveryTarget
    void mergeBelowTheRootOfAMissingThingIs404AndCreatesNothing(final TwinTarget target) {
        final ThingId id = target.newThingId();
        final ThingNotFoundException missing = failure(target.client().merge(TwinPath.thing(id).attributes(),
                JsonObject.of("{\"a\":1}"), RequestOptions.none()), ThingNotFoundException.class);

        assertThat(missing.errorCode()).contains("things:thing.notfound");
        failure(target.client().retrieveThing(id), ThingNotFoundException.class);
    }
}
