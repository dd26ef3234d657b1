package io.twinloop.optimizer.whatif;

import java.time.Instant;
import java.util.List;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.plant.machine.MachineSnapshot;

/** Machine twins as the connector fills them (OperationalData), for the what-if tests. */
final class LineTwins {

    static final Instant T0 = Instant.parse("2026-01-05T06:00:00Z");

    private LineTwins() {
    }

    static ThingId id(final String name) {
        return ThingId.of("line", name);
    }

    /** A machine twin; {@code queue} entries are job ids (strings) or JSON objects. */
    static MachineView machine(final String name, final String state, final double speed, final double powerKw,
            final double health, final List<JsonValue> queue, final JsonObject extra) {
        final JsonObjectBuilder operational = JsonObject.newBuilder().set("State", state).set("Mode", "RUN")
                .set("Speed", speed).set("PowerDraw", powerKw).set("HealthIndex", health).set("PartsProduced", 0)
                .set("JobQueue", JsonArray.of(queue));
        operational.setAll(extra);
        return MachineView.of(id(name), JsonObject.newBuilder().set("_revision", 7L)
                .set("features", JsonObject.newBuilder().set(MachineView.OPERATIONAL, JsonObject.newBuilder()
                        .set("properties", operational.build()).build()).build()).build());
    }

    static MachineView running(final String name, final double powerKw) {
        return machine(name, "RUNNING", 100, powerKw, 1.0, List.of(), JsonObject.empty());
    }

    /** What the connector shows of a simulated machine: the values its OPC UA variables carry, nothing hidden. */
    static MachineView of(final String name, final MachineSnapshot machine) {
        return machine(name, machine.state().name(), machine.speedPercent(), machine.powerKw(), machine.health(),
                machine.jobQueue().stream().map(JsonValue::of).toList(), machine.currentJob()
                        .map(job -> JsonObject.newBuilder().set("CurrentJob", job).build())
                        .orElse(JsonObject.empty()));
    }

    static PlantView view(final MachineView... machines) {
        return PlantView.of(List.of(machines), T0);
    }
}
