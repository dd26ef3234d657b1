package io.twinloop.twin.conformance;

import static io.twinloop.twin.conformance.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;

import io.twinloop.twin.client.AuthenticationException;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.EventSubscription;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinEventListener;
import io.twinloop.twin.client.TwinEvents;
import io.twinloop.twin.client.TwinPath;

/** Twin events over the WebSocket {@code /ws/2}: what Ditto sends for each change, and its filters. */
class EventsConformanceTest {

    /** Collects events (bounded) and revision gaps. */
    private static final class Collector implements TwinEventListener {

        final BlockingQueue<ThingEvent<?>> events = new ArrayBlockingQueue<>(100);
        final BlockingQueue<long[]> gaps = new ArrayBlockingQueue<>(100);

        @Override
        public void onEvent(final ThingEvent<?> event) {
            events.offer(event);
        }

        @Override
        public void onRevisionGap(final ThingId thingId, final long lastSeenRevision, final long receivedRevision) {
            gaps.offer(new long[] {lastSeenRevision, receivedRevision});
        }

        ThingEvent<?> next() throws InterruptedException {
            final ThingEvent<?> event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("an event within 10 s").isNotNull();
            return event;
        }
    }

    private static TwinEvents subscribe(final TwinTarget target, final ThingId id, final Collector collector,
            final String extraFilter) {
        final String onlyThisThing = "eq(thingId,\"" + id + "\")";
        return result(target.client().subscribe(EventSubscription.all().namespaces(TwinTarget.NAMESPACE)
                .filter(extraFilter == null ? onlyThisThing : "and(" + onlyThisThing + "," + extraFilter + ")"),
                collector));
    }

    @OnEveryTarget
    void aPropertyChangedOverHttpArrivesAsAnEventWithPathValueAndRevision(final TwinTarget target) throws Exception {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final Collector collector = new Collector();
        try (TwinEvents events = subscribe(target, id, collector, null)) {
            result(target.client().putFeatureProperty(id, "lamp", JsonPointer.of("color"), JsonValue.of("green"),
                    RequestOptions.none()));

            final ThingEvent<?> event = collector.next();
            assertThat(event.getEntityId().toString()).isEqualTo(id.toString());
            assertThat(event.getType()).isEqualTo("things.events:featurePropertyModified");
            assertThat(event.getResourcePath().toString()).isEqualTo("/features/lamp/properties/color");
            assertThat(event.getEntity()).contains(JsonValue.of("green"));
            assertThat(event.getRevision()).isEqualTo(2);
            // who made the change, as Ditto names it: the first subject of the writer (basic auth: nginx:<user>)
            assertThat(event.getDittoHeaders().get("ditto-originator")).isEqualTo("nginx:" + target.username());
        }
    }

    @OnEveryTarget
    void createMergeAndDeleteArriveAsTheirOwnEvents(final TwinTarget target) throws Exception {
        final ThingId id = target.newThingId();
        final Collector collector = new Collector();
        try (TwinEvents events = subscribe(target, id, collector, null)) {
            result(target.client().put(TwinPath.thing(id), ThingCrudConformanceTest.LAMP_THING, RequestOptions.none()));
            result(target.client().merge(TwinPath.thing(id).attributes(),
                    org.eclipse.ditto.json.JsonObject.of("{\"location\":\"Hall 2\"}"), RequestOptions.none()));
            result(target.client().delete(TwinPath.thing(id), RequestOptions.none()));

            assertThat(collector.next().getType()).isEqualTo("things.events:thingCreated");
            final ThingEvent<?> merged = collector.next();
            assertThat(merged.getType()).isEqualTo("things.events:thingMerged");
            assertThat(merged.getResourcePath().toString()).isEqualTo("/attributes");
            final ThingEvent<?> deleted = collector.next();
            assertThat(deleted.getType()).isEqualTo("things.events:thingDeleted");
            assertThat(deleted.getRevision()).isEqualTo(3);
        }
    }

    @OnEveryTarget
    void anRqlFilterLeavesOutChangesThatDoNotMatchAndTheRevisionJumpIsReported(final TwinTarget target)
            throws Exception {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final TwinPath brightness = TwinPath.thing(id).property("lamp", JsonPointer.of("brightness"));
        final Collector collector = new Collector();
        try (TwinEvents events = subscribe(target, id, collector, "gt(features/lamp/properties/brightness,50)")) {
            result(target.client().put(brightness, JsonValue.of(80), RequestOptions.none()));
            result(target.client().put(brightness, JsonValue.of(10), RequestOptions.none()));
            result(target.client().put(brightness, JsonValue.of(90), RequestOptions.none()));

            assertThat(collector.next().getEntity()).contains(JsonValue.of(80));
            assertThat(collector.next().getEntity()).contains(JsonValue.of(90));
            assertThat(collector.events.poll(500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(collector.gaps.poll(1, TimeUnit.SECONDS)).containsExactly(2, 4);
        }
    }

    /**
     * What a connector's desired-value subscription relies on (one {@code exists} per desired path): the filter is
     * evaluated on the changed data, so merges of reported values are left out whatever the thing holds, and a
     * desired value arrives whether it is put or merged.
     */
    @OnEveryTarget
    void anExistsFilterOnADesiredPropertyReceivesOnlyTheChangesThatSetIt(final TwinTarget target) throws Exception {
        final ThingId id = ThingCrudConformanceTest.createLampThing(target);
        final Collector collector = new Collector();
        try (TwinEvents events = subscribe(target, id, collector,
                "exists(features/lamp/desiredProperties/brightness)")) {
            result(target.client().put(TwinPath.thing(id).desiredProperty("lamp", JsonPointer.of("brightness")),
                    JsonValue.of(70), RequestOptions.none()));
            result(target.client().merge(TwinPath.thing(id).features(), org.eclipse.ditto.json.JsonObject.of(
                    "{\"lamp\":{\"properties\":{\"brightness\":65,\"color\":\"green\"}}}"), RequestOptions.none()));
            result(target.client().merge(TwinPath.thing(id).features(), org.eclipse.ditto.json.JsonObject.of(
                    "{\"lamp\":{\"desiredProperties\":{\"brightness\":40}}}"), RequestOptions.none()));

            final ThingEvent<?> put = collector.next();
            assertThat(put.getType()).isEqualTo("things.events:featureDesiredPropertyCreated");
            assertThat(put.getEntity()).contains(JsonValue.of(70));
            final ThingEvent<?> merged = collector.next();
            assertThat(merged.getType()).isEqualTo("things.events:thingMerged");
            assertThat(merged.getRevision()).isEqualTo(4);
            assertThat(collector.events.poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @OnEveryTarget
    void refusedCredentialsFailTheSubscription(final TwinTarget target) throws Exception {
        try (DittoClient stranger = target.unauthenticatedClient().basicAuth("nobody", "wrong").build()) {
            final CompletableFuture<TwinEvents> refused = stranger.subscribe(EventSubscription.all(), new Collector());

            final ExecutionException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> refused.get(30, TimeUnit.SECONDS), ExecutionException.class);
            assertThat(failure).hasCauseInstanceOf(AuthenticationException.class);
        }
    }
}
