package io.twinloop.optimizer.sequencing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonArrayBuilder;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;

/**
 * Machine twins with job queues as the thing-layout contract describes them, for the scheduling tests: a two-machine
 * flow line {@code press > cnc} at 60 s per part, five jobs waiting at the press. While both run, the queue's own order
 * keeps every promise; when the CNC fails (8 h of repair assumed) the three small rush jobs at the back of the queue
 * come out late unless they go first.
 */
final class QueueViews {

    static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");
    static final ThingId PRESS = ThingId.of("demo", "press-1");
    static final ThingId CNC = ThingId.of("demo", "cnc-1");
    static final List<String> JOBS = List.of("J1", "J2", "J3", "J4", "J5");

    private QueueViews() {
    }

    static SequencingSettings settings() {
        return SequencingSettings.defaults().withLine(PRESS, CNC).withSolverBudget(Duration.ofMillis(200));
    }

    /** {@code {"JobId": id, "DueDate": T0 + hours, "Quantity": quantity}}. */
    static JsonObject job(final String id, final double dueInHours, final int quantity) {
        return JsonObject.newBuilder().set("JobId", id)
                .set("DueDate", T0.plusSeconds(Math.round(dueInHours * 3600)).toString())
                .set("Quantity", quantity).build();
    }

    /** The press's queue: two big jobs due in 12 h, then three small ones due 8.5, 8.6 and 9 h from now. */
    static JsonArray pressQueue() {
        return JsonArray.of(job("J1", 12, 30), job("J2", 12, 30), job("J3", 8.5, 5), job("J4", 8.6, 5),
                job("J5", 9, 5));
    }

    static MachineView machine(final ThingId id, final long revision, final String state, final JsonValue queue) {
        return machine(id, revision, state, queue, JsonObject.empty());
    }

    static MachineView machine(final ThingId id, final long revision, final String state, final JsonValue queue,
            final JsonObject desired) {
        final JsonObject properties = JsonObject.newBuilder().set("State", state).set("Mode", "RUN")
                .set("Speed", 100.0).set("PowerDraw", 10.0).set("HealthIndex", 0.95).set("CurrentJob", "")
                .set("JobQueue", queue).build();
        return MachineView.of(id, JsonObject.newBuilder().set("_revision", revision)
                .set("features", JsonObject.newBuilder().set(MachineView.OPERATIONAL, JsonObject.newBuilder()
                        .set("properties", properties).set("desiredProperties", desired).build()).build())
                .build());
    }

    /** The line with the press's queue as given and the CNC (empty queue) in {@code cncState}. */
    static PlantView line(final long revision, final JsonValue pressQueue, final String cncState) {
        return PlantView.of(List.of(machine(PRESS, revision, "RUNNING", pressQueue),
                machine(CNC, revision, cncState, JsonArray.empty())), T0);
    }

    static JsonArray ids(final List<String> ids) {
        final JsonArrayBuilder array = JsonArray.newBuilder();
        ids.forEach(array::add);
        return array.build();
    }
}
