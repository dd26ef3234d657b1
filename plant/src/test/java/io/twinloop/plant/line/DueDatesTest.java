package io.twinloop.plant.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinloop.plant.Plant;
import io.twinloop.plant.PlantSnapshot;
import io.twinloop.plant.machine.Job;
import io.twinloop.plant.machine.MachineSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DueDatesTest {

    /** The default line's nominal work per part: press 12 s + CNC 90 s + robot 40 s + conveyor 8 s. */
    private static final long WORK_SECONDS_PER_PART = 150;

    /** Every job as first seen in the press's queue (the order backlog), with the instant it was released. */
    private record Released(Job job, Instant at) {
    }

    private static Map<String, Released> releasedJobs(final Plant plant, final Duration during) {
        final Map<String, Released> released = new LinkedHashMap<>();
        final Instant end = plant.clock().now().plus(during);
        record(plant.snapshot(), released);
        while (plant.clock().now().isBefore(end)) {
            plant.advance(Duration.ofSeconds(1));
            record(plant.snapshot(), released);
        }
        return released;
    }

    private static void record(final PlantSnapshot snapshot, final Map<String, Released> released) {
        for (final Job job : snapshot.machine("press-1").orElseThrow().waitingJobs()) {
            released.putIfAbsent(job.id(), new Released(job, snapshot.time()));
        }
    }

    @Test
    void everyJobIsDueAfterItsReleaseWithSlackProportionalToItsWorkSomeTightSomeLoose() {
        final Plant plant = Plant.builder().seed(5).dueDates(DueDatePolicy.defaults().withoutExpedites()).build();
        final Map<String, Released> released = releasedJobs(plant, Duration.ofDays(2));
        assertThat(released).hasSizeGreaterThan(100);

        int tight = 0;
        for (final Released r : released.values()) {
            final double slack = Duration.between(r.at(), r.job().dueDate()).getSeconds()
                    / (double) (r.job().parts() * WORK_SECONDS_PER_PART);
            assertThat(slack).as("slack factor of %s", r.job()).isBetween(2.0 - 1e-3, 10.0 + 1e-3);
            assertThat(slack).as("between the tight and the loose range: %s", r.job())
                    .matches(s -> s <= 4.0 + 1e-3 || s >= 5.0 - 1e-3);
            if (slack <= 4.0 + 1e-3) {
                tight++;
            }
            assertThat(r.job().dueDate().getNano()).as("whole seconds").isZero();
        }
        final double tightShare = tight / (double) released.size();
        assertThat(tightShare).as("share of tight orders, 0.3 expected").isBetween(0.15, 0.45);
    }

    @Test
    void sameSeedSameDueDates() {
        final Map<String, Released> first = releasedJobs(Plant.builder().seed(9).build(), Duration.ofHours(12));
        final Map<String, Released> second = releasedJobs(Plant.builder().seed(9).build(), Duration.ofHours(12));
        assertThat(second).isEqualTo(first);
        assertThat(releasedJobs(Plant.builder().seed(10).build(), Duration.ofHours(12))).isNotEqualTo(first);
    }

    @Test
    void expeditesPullWaitingJobsInAndChangeNothingElse() {
        final Plant expediting = Plant.builder().seed(3)
                .dueDates(new DueDatePolicy(0.3, 2, 4, 5, 10, 24, 0.5)).build(); // frequent, to see several
        final Plant steady = Plant.builder().seed(3).dueDates(DueDatePolicy.defaults().withoutExpedites()).build();

        int expedited = 0;
        for (int hour = 0; hour < 48; hour++) {
            expediting.advance(Duration.ofHours(1));
            steady.advance(Duration.ofHours(1));
            final PlantSnapshot withExpedites = expediting.snapshot();
            final PlantSnapshot without = steady.snapshot();
            for (final MachineSnapshot machine : without.machines()) {
                final MachineSnapshot other = withExpedites.machine(machine.id()).orElseThrow();
                // the same jobs in the same places, the machines in the same state: only due dates differ
                assertThat(other.jobQueue()).isEqualTo(machine.jobQueue());
                assertThat(other.partsProduced()).isEqualTo(machine.partsProduced());
                assertThat(other.state()).isEqualTo(machine.state());
                for (int i = 0; i < machine.waitingJobs().size(); i++) {
                    final Job drawn = machine.waitingJobs().get(i);
                    final Job now = other.waitingJobs().get(i);
                    assertThat(now.parts()).isEqualTo(drawn.parts());
                    assertThat(now.dueDate()).as("an expedite only pulls in: %s", drawn).isBeforeOrEqualTo(
                            drawn.dueDate());
                    if (now.dueDate().isBefore(drawn.dueDate())) {
                        expedited++;
                    }
                }
            }
        }
        assertThat(expedited).as("job-hours seen expedited").isPositive();
    }

    @Test
    void aBadPolicyIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new DueDatePolicy(1.5, 2, 4, 5, 10, 2, 0.5))
                .hasMessageContaining("tightShare");
        assertThatThrownBy(() -> new DueDatePolicy(0.3, 4, 2, 5, 10, 2, 0.5))
                .hasMessageContaining("tight slack");
        assertThatThrownBy(() -> new DueDatePolicy(0.3, 2, 4, 5, 10, -1, 0.5))
                .hasMessageContaining("expeditesPerDay");
        assertThatThrownBy(() -> new DueDatePolicy(0.3, 2, 4, 5, 10, 2, 1.0))
                .hasMessageContaining("expediteFactor");
        assertThat(DueDatePolicy.defaults().withoutExpedites().expedites()).isFalse();
    }
}
