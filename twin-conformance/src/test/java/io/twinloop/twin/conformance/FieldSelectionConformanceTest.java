package io.twinloop.twin.conformance;

import static io.twinloop.twin.conformance.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;

/** The {@code fields} query parameter, with the examples of Ditto's httpapi-concepts documentation. */
class FieldSelectionConformanceTest {

    private static JsonObject select(final TwinTarget target, final ThingId id, final String fields) {
        return result(target.client().retrieve(TwinPath.thing(id), RequestOptions.none().fields(fields)))
                .body().orElseThrow().asObject();
    }

    @OnEveryTarget
    void selectsNestedFieldsKeepingTheStructure(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);

        assertThat(select(target, id, "attributes/manufacturer"))
                .isEqualTo(JsonObject.of("{\"attributes\":{\"manufacturer\":\"ACME corp\"}}"));
        assertThat(select(target, id, "attributes/complex/some,attributes/complex/serialNo"))
                .isEqualTo(JsonObject.of("{\"attributes\":{\"complex\":{\"some\":false,\"serialNo\":4711}}}"));
        assertThat(select(target, id, "attributes/complex/misc,features/lamp/properties/on"))
                .isEqualTo(JsonObject.of("{\"attributes\":{\"complex\":{\"misc\":\"foo\"}},"
                        + "\"features\":{\"lamp\":{\"properties\":{\"on\":true}}}}"));
    }

    @OnEveryTarget
    void parenthesesGroupFieldsUnderOneParent(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        assertThat(select(target, id, "thingId,attributes/complex(some,serialNo)"))
                .isEqualTo(JsonObject.of("{\"thingId\":\"" + id + "\","
                        + "\"attributes\":{\"complex\":{\"some\":false,\"serialNo\":4711}}}"));
    }

    @OnEveryTarget
    void wildcardSelectsAPropertyAcrossFeatures(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        assertThat(select(target, id, "features/*/properties/on"))
                .isEqualTo(JsonObject.of("{\"features\":{\"lamp\":{\"properties\":{\"on\":true}},"
                        + "\"infrared-lamp\":{\"properties\":{\"on\":false}}}}"));
    }

    @OnEveryTarget
    void fieldsOnASubResource(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        assertThat(result(target.client().retrieve(TwinPath.thing(id).attributes(),
                RequestOptions.none().fields("complex/serialNo"))).body())
                .contains(JsonObject.of("{\"complex\":{\"serialNo\":4711}}"));
    }
}
