package io.twinloop.optimizer.maintenance;

import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.ThingId;

/** Machine twins as the optimizer reads them, for the maintenance tests. */
final class TwinViews {

    static final Instant T0 = Instant.parse("2026-01-05T06:00:00Z");

    private TwinViews() {
    }

    static ThingId id(final String name) {
        return ThingId.of("demo", name);
    }

    static MachineView machine(final String name, final long revision, final String state, final double health,
            final double vibration, final int queued) {
        final org.eclipse.ditto.json.JsonArrayBuilder queue = JsonArray.newBuilder();
        for (int i = 0; i < queued; i++) {
            queue.add("job-" + i);
        }
        return MachineView.of(id(name), JsonObject.newBuilder().set("_revision", revision)
                .set("features", JsonObject.newBuilder().set(MachineView.OPERATIONAL, JsonObject.newBuilder()
                        .set("properties", JsonObject.newBuilder().set("State", state).set("Mode", "RUN")
                                .set("Speed", 100.0).set("PowerDraw", 15.0).set("HealthIndex", health)
                                .set("Vibration", vibration).set("Temperature", 40.0).set("MaintenanceRequest", false)
                                .set("JobQueue", queue.build()).build())
                        .build()).build()).build());
    }

    /** Weibull health of a machine with characteristic life {@code eta} after {@code hours} at 100 %. */
    static double health(final double hours, final double eta) {
        return Math.exp(-Math.pow(hours / eta, 4.41));
    }

    /**
     * Hourly views of one machine wearing out (η 600 h) from {@code fromHour} to {@code toHour}, its queue holding
     * {@code queued} jobs, beside a new machine.
     */
    static List<PlantView> wearingOut(final String name, final int fromHour, final int toHour, final int queued) {
        final List<PlantView> views = new ArrayList<>();
        for (int h = fromHour; h <= toHour; h++) {
            final long revision = 10 + h;
            views.add(PlantView.of(List.of(machine(name, revision, "RUNNING", health(h, 600), 2.0, queued),
                    machine("robot-1", revision, "RUNNING", health(h - fromHour, 1500), 1.0, queued)),
                    T0.plus(Duration.ofHours(h - fromHour))));
        }
        return views;
    }
}
