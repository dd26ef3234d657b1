package io.twinloop.twin.conformance;

import static io.twinloop.twin.conformance.Await.failure;
import static io.twinloop.twin.conformance.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.PreconditionFailedException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.client.TwinResponse;

/** ETags ("rev:N" on the thing), If-Match / If-None-Match outcomes and RQL conditions. */
class ConditionalRequestConformanceTest {

    private static final JsonPointer COUNTER = JsonPointer.of("counter");

    private static long revisionOf(final DittoClient client, final ThingId id) {
        return result(client.retrieve(TwinPath.thing(id), RequestOptions.none())).revision().orElseThrow();
    }

    @OnEveryTarget
    void thingRevisionIncrementsWithEveryChange(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final DittoClient client = target.client();
        assertThat(revisionOf(client, id)).isEqualTo(1);

        result(client.put(TwinPath.thing(id).attribute(COUNTER), JsonValue.of(1), RequestOptions.none()));
        assertThat(revisionOf(client, id)).isEqualTo(2);
        result(client.merge(TwinPath.thing(id).properties("lamp"), JsonObject.of("{\"on\":false}"),
                RequestOptions.none()));
        assertThat(revisionOf(client, id)).isEqualTo(3);
        result(client.delete(TwinPath.thing(id).attribute(COUNTER), RequestOptions.none()));
        assertThat(revisionOf(client, id)).isEqualTo(4);
    }

    @OnEveryTarget
    void ifMatchWithTheCurrentRevisionSucceedsAndWithAStaleOneIs412(final TwinTarget target) {
        // "rev:N" is the entity tag of the thing itself, so optimistic locking on the revision targets the thing
        // (here: a merge on its root); sub-resources carry "hash:..." tags of their own (next test).
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final DittoClient client = target.client();
        final JsonObject patch = JsonObject.of("{\"attributes\":{\"counter\":1}}");

        final TwinResponse merged = result(client.merge(TwinPath.thing(id), patch,
                RequestOptions.none().ifMatchRevision(1)));
        assertThat(merged.statusCode()).isEqualTo(204);
        assertThat(merged.revision()).hasValue(2);
        final PreconditionFailedException stale = failure(client.merge(TwinPath.thing(id),
                JsonObject.of("{\"attributes\":{\"counter\":99}}"), RequestOptions.none().ifMatchRevision(1)),
                PreconditionFailedException.class);

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.errorCode()).contains("things:precondition.failed");
        assertThat(result(client.retrieve(TwinPath.thing(id).attribute(COUNTER), RequestOptions.none())).body())
                .contains(JsonValue.of(1));
    }

    @OnEveryTarget
    void subResourcesHaveTheirOwnEntityTags(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final DittoClient client = target.client();
        final TwinPath color = TwinPath.thing(id).property("lamp", JsonPointer.of("color"));

        final TwinResponse read = result(client.retrieve(color, RequestOptions.none()));
        assertThat(read.revision()).isEmpty(); // a "hash:..." tag, not "rev:N"
        final String etag = read.etag().orElseThrow();
        assertThat(result(client.put(color, JsonValue.of("green"), RequestOptions.none().ifMatch(etag))).statusCode())
                .isEqualTo(204);
        failure(client.put(color, JsonValue.of("red"), RequestOptions.none().ifMatch(etag)),
                PreconditionFailedException.class);
        // the thing's revision does not apply to a sub-resource: its tag is a hash
        failure(client.put(color, JsonValue.of("red"), RequestOptions.none().ifMatchRevision(2)),
                PreconditionFailedException.class);
    }

    @OnEveryTarget
    void ifMatchWithTheEtagOfARead(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final DittoClient client = target.client();
        final String etag = result(client.retrieve(TwinPath.thing(id), RequestOptions.none())).etag().orElseThrow();

        final TwinResponse replaced = result(client.put(TwinPath.thing(id),
                JsonObject.of("{\"attributes\":{\"v\":2}}"), RequestOptions.none().ifMatch(etag)));
        assertThat(replaced.statusCode()).isEqualTo(204);
        failure(client.put(TwinPath.thing(id), JsonObject.of("{\"attributes\":{\"v\":3}}"),
                RequestOptions.none().ifMatch(etag)), PreconditionFailedException.class);
    }

    @OnEveryTarget
    void ifNoneMatchAnyCreatesOnlyOnce(final TwinTarget target) {
        final ThingId id = target.newThingId();
        final DittoClient client = target.client();
        final RequestOptions createOnly = RequestOptions.none().ifNoneMatchAny();

        assertThat(result(client.put(TwinPath.thing(id), JsonObject.of("{\"attributes\":{\"v\":1}}"), createOnly))
                .statusCode()).isEqualTo(201);
        failure(client.put(TwinPath.thing(id), JsonObject.of("{\"attributes\":{\"v\":2}}"), createOnly),
                PreconditionFailedException.class);
        assertThat(result(client.retrieveThing(id)).getAttributes().orElseThrow().getValue("v"))
                .contains(JsonValue.of(1));
    }

    @OnEveryTarget
    void ifMatchAnyOnAMissingThingIs412(final TwinTarget target) {
        final ThingId id = target.newThingId();
        failure(target.client().put(TwinPath.thing(id), JsonObject.of("{}"), RequestOptions.none().ifMatchAny()),
                PreconditionFailedException.class);
    }

    @OnEveryTarget
    void readWithIfNoneMatchOfTheCurrentEtagIs304(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final String etag = result(target.client().retrieve(TwinPath.thing(id), RequestOptions.none()))
                .etag().orElseThrow();

        final TwinResponse notModified = result(target.client().retrieve(TwinPath.thing(id),
                RequestOptions.none().ifNoneMatch(etag)));
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
    }

    @OnEveryTarget
    void rqlConditionGuardsAWrite(final TwinTarget target) {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final DittoClient client = target.client();
        final TwinPath on = TwinPath.thing(id).property("lamp", JsonPointer.of("on"));

        assertThat(result(client.put(on, JsonValue.of(false),
                RequestOptions.none().condition("eq(attributes/manufacturer,\"ACME corp\")"))).statusCode())
                .isEqualTo(204);
        final PreconditionFailedException unmet = failure(client.put(on, JsonValue.of(true),
                        RequestOptions.none().condition("eq(attributes/manufacturer,\"Other\")")),
                PreconditionFailedException.class);
        assertThat(unmet.errorCode()).contains("things:condition.failed");
        assertThat(result(client.retrieve(on, RequestOptions.none())).body()).contains(JsonValue.of(false));
    }
}
