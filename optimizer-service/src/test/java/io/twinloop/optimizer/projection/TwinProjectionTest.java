package io.twinloop.optimizer.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.FeaturePropertyModified;
import org.eclipse.ditto.things.model.signals.events.FeatureDesiredPropertyDeleted;
import org.eclipse.ditto.things.model.signals.events.FeatureDesiredPropertyModified;
import org.eclipse.ditto.things.model.signals.events.ThingDeleted;
import org.eclipse.ditto.things.model.signals.events.ThingMerged;
import org.junit.jupiter.api.Test;

import io.twinloop.optimizer.plant.MachineView;

/** Real Ditto events applied to a twin's JSON, and the revision rules that detect replays and gaps. */
class TwinProjectionTest {

    private static final ThingId PRESS = ThingId.of("demo:Press01");
    private static final DittoHeaders HEADERS = DittoHeaders.empty();

    private static JsonObject press() {
        return JsonObject.of("{\"thingId\":\"demo:Press01\",\"_revision\":5,\"features\":{\"OperationalData\":"
                + "{\"properties\":{\"State\":\"RUNNING\",\"Speed\":100.0,\"PowerDraw\":20.0,\"HealthIndex\":0.9},"
                + "\"desiredProperties\":{\"Speed\":90.0}}}}");
    }

    @Test
    void eventsInRevisionOrderChangeTheView() {
        final TwinProjection projection = new TwinProjection(Clock.systemUTC());
        projection.replace(PRESS, press());

        assertThat(projection.apply(FeaturePropertyModified.of(PRESS, "OperationalData", JsonPointer.of("Speed"),
                JsonValue.of(110.0), 6, Instant.now(), HEADERS, null))).isEqualTo(TwinProjection.Outcome.APPLIED);
        assertThat(projection.apply(ThingMerged.of(PRESS, JsonPointer.of("features/OperationalData/properties"),
                JsonObject.of("{\"PowerDraw\":25.5,\"HealthIndex\":null}"), 7, Instant.now(), HEADERS, null)))
                .isEqualTo(TwinProjection.Outcome.APPLIED);
        assertThat(projection.apply(FeatureDesiredPropertyDeleted.of(PRESS, "OperationalData",
                JsonPointer.of("Speed"), 8, Instant.now(), HEADERS, null))).isEqualTo(TwinProjection.Outcome.APPLIED);

        final MachineView view = projection.snapshot().machine(PRESS).orElseThrow();
        assertThat(view.revision()).isEqualTo(8);
        assertThat(view.speed()).isEqualTo(110.0);
        assertThat(view.powerKw()).isEqualTo(25.5);
        assertThat(view.health()).as("null in a merge patch deletes").isNaN();
        assertThat(view.desired("Speed")).isEmpty();
        assertThat(view.state()).isEqualTo("RUNNING");
    }

    @Test
    void aReplayIsIgnoredAndASkippedRevisionAsksForARead() {
        final TwinProjection projection = new TwinProjection(Clock.systemUTC());
        projection.replace(PRESS, press());

        assertThat(projection.apply(FeaturePropertyModified.of(PRESS, "OperationalData", JsonPointer.of("Speed"),
                JsonValue.of(60.0), 5, Instant.now(), HEADERS, null))).isEqualTo(TwinProjection.Outcome.STALE);
        assertThat(projection.apply(FeaturePropertyModified.of(PRESS, "OperationalData", JsonPointer.of("Speed"),
                JsonValue.of(70.0), 7, Instant.now(), HEADERS, null))).isEqualTo(TwinProjection.Outcome.GAP);
        assertThat(projection.apply(FeaturePropertyModified.of(ThingId.of("demo:Unknown"), "OperationalData",
                JsonPointer.of("Speed"), JsonValue.of(70.0), 1, Instant.now(), HEADERS, null)))
                .isEqualTo(TwinProjection.Outcome.GAP);
        assertThat(projection.snapshot().machine(PRESS).orElseThrow().speed()).isEqualTo(100.0);
    }

    @Test
    void aDeletedTwinLeavesTheViewAndAnOlderReadNeverReplacesANewerOne() {
        final TwinProjection projection = new TwinProjection(Clock.systemUTC());
        projection.replace(PRESS, press().setValue("_revision", 9));
        projection.replace(PRESS, press()); // revision 5: older than what is held

        assertThat(projection.snapshot().machine(PRESS).orElseThrow().revision()).isEqualTo(9);
        assertThat(projection.apply(ThingDeleted.of(PRESS, 10, Instant.now(), HEADERS, null)))
                .isEqualTo(TwinProjection.Outcome.APPLIED);
        assertThat(projection.snapshot().machines()).isEmpty();
        assertThat(projection.size()).isZero();
    }

    private static DittoHeaders by(final String subject) {
        return DittoHeaders.newBuilder().putHeader("ditto-originator", subject).build();
    }

    private static DesiredOrigin origin(final TwinProjection projection, final String path) {
        return projection.desiredOrigins().stream().filter(o -> o.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no origin for " + path));
    }

    private static final String SPEED = "features/OperationalData/desiredProperties/Speed";

    @Test
    void eachDesiredValueKnowsWhoWroteItAndWhen() {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
        final Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(final java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        final TwinProjection projection = new TwinProjection(clock);
        projection.replace(PRESS, press());
        assertThat(origin(projection, SPEED).writer()).as("read: not seen written").isEmpty();
        assertThat(origin(projection, SPEED).since()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));

        // a person's PUT of the one property
        now.set(Instant.parse("2026-11-22T10:01:00Z"));
        projection.apply(FeatureDesiredPropertyModified.of(PRESS, "OperationalData", JsonPointer.of("Speed"),
                JsonValue.of(110), 6, Instant.now(), by("nginx:ditto"), null));
        assertThat(origin(projection, SPEED).writer()).contains("nginx:ditto");
        assertThat(origin(projection, SPEED).value()).isEqualTo(JsonValue.of(110));
        assertThat(origin(projection, SPEED).since()).isEqualTo(Instant.parse("2026-11-22T10:01:00Z"));

        // another writer's merge that does not reach the desired speed leaves its origin alone
        now.set(Instant.parse("2026-11-22T10:02:00Z"));
        projection.apply(ThingMerged.of(PRESS, JsonPointer.of("features/OperationalData/properties"),
                JsonObject.of("{\"PowerDraw\":25.5}"), 7, Instant.now(), by("nginx:connector"), null));
        assertThat(origin(projection, SPEED).writer()).contains("nginx:ditto");

        // the same value written again is written again: renewed
        now.set(Instant.parse("2026-11-22T10:03:00Z"));
        projection.apply(ThingMerged.of(PRESS, JsonPointer.empty(), JsonObject.of("{\"features\":{\"OperationalData\":"
                + "{\"desiredProperties\":{\"Speed\":110}}}}"), 8, Instant.now(), by("nginx:ditto"), null));
        assertThat(origin(projection, SPEED).since()).isEqualTo(Instant.parse("2026-11-22T10:03:00Z"));

        // the optimizer's merge at the thing (as DesiredWriter writes) makes it the optimizer's
        projection.apply(ThingMerged.of(PRESS, JsonPointer.empty(), JsonObject.of("{\"features\":{\"OperationalData\":"
                + "{\"desiredProperties\":{\"Speed\":70.0}}}}"), 9, Instant.now(), by("nginx:optimizer"), null));
        assertThat(origin(projection, SPEED).writer()).contains("nginx:optimizer");

        // an event without its writer, and a re-read of a changed value: not seen written
        projection.apply(FeatureDesiredPropertyModified.of(PRESS, "OperationalData", JsonPointer.of("Speed"),
                JsonValue.of(80.0), 10, Instant.now(), HEADERS, null));
        assertThat(origin(projection, SPEED).writer()).isEmpty();
        projection.apply(FeatureDesiredPropertyModified.of(PRESS, "OperationalData", JsonPointer.of("Speed"),
                JsonValue.of(85.0), 11, Instant.now(), by("nginx:optimizer"), null));
        projection.replace(PRESS, press().setValue("_revision", 12));
        assertThat(origin(projection, SPEED).writer()).as("90 was written unseen").isEmpty();
        projection.apply(FeatureDesiredPropertyModified.of(PRESS, "OperationalData", JsonPointer.of("Speed"),
                JsonValue.of(90.0), 13, Instant.now(), by("nginx:optimizer"), null));
        projection.replace(PRESS, press().setValue("_revision", 13));
        assertThat(origin(projection, SPEED).writer()).as("a read of an unchanged value keeps its writer")
                .isEqualTo(Optional.of("nginx:optimizer"));

        // deleted: no origin; the twin deleted: none at all
        projection.apply(FeatureDesiredPropertyDeleted.of(PRESS, "OperationalData", JsonPointer.of("Speed"), 14,
                Instant.now(), by("nginx:ditto"), null));
        assertThat(projection.desiredOrigins()).isEmpty();
        projection.apply(FeatureDesiredPropertyModified.of(PRESS, "OperationalData", JsonPointer.of("Speed"),
                JsonValue.of(95.0), 15, Instant.now(), by("nginx:ditto"), null));
        projection.apply(ThingDeleted.of(PRESS, 16, Instant.now(), by("nginx:ditto"), null));
        assertThat(projection.desiredOrigins()).isEmpty();
    }
}
