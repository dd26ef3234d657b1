package io.twinloop.optimizer.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.FeaturePropertyModified;
import org.eclipse.ditto.things.model.signals.events.FeatureDesiredPropertyDeleted;
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
}
