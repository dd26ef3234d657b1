package io.twinloop.plant.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinloop.plant.Plant;
import io.twinloop.plant.PlantSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PlantRuntimeTest {

    @Test
    void tickingRunsThePlantFasterThanRealTime() throws Exception {
        final Plant plant = Plant.builder().speedFactor(3600).build();
        final Instant start = plant.clock().now();
        try (PlantRuntime runtime = PlantRuntime.of(plant)) {
            final CompletableFuture<PlantSnapshot> anHourLater = new CompletableFuture<>();
            runtime.addListener(snapshot -> {
                if (!snapshot.time().isBefore(start.plus(Duration.ofHours(1)))) {
                    anHourLater.complete(snapshot);
                }
            });
            runtime.startTicking(Duration.ofMillis(20));
            // At 3600x an hour of plant time takes about a second; the timeout only guards against a hang.
            final PlantSnapshot snapshot = anHourLater.get(60, TimeUnit.SECONDS);
            assertThat(snapshot.machine("press-1").orElseThrow().partsProduced()).isPositive();
        }
    }
}
