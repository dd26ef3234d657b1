package io.twinloop.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinloop.plant.machine.Job;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.plant.machine.Mode;
import io.twinloop.plant.time.ShiftCalendar;
import io.twinloop.scenarios.policy.Decision;
import io.twinloop.scenarios.policy.MachineObservation;
import io.twinloop.scenarios.policy.Observation;
import io.twinloop.scenarios.policy.Policy;
import io.twinloop.scenarios.policy.PolicyKind;
import io.twinloop.scenarios.run.BenchRunner;
import io.twinloop.scenarios.run.RunResult;
import io.twinloop.scenarios.scenario.Scenario;
import io.twinloop.scenarios.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario on two shifts (06:00–22:00 Brussels time, weekdays): the runner's plant follows its calendar. Off-shift
 * no job is started and the baselines leave every machine in RUN, standing by at standby power; demand stays common
 * between policies for one seed, with the slack counted in staffed time.
 */
class ShiftCalendarRunTest {

    @TempDir
    Path dir;

    private Scenario twoShifts() {
        return ScenarioLoader.load(ScenarioFiles.write(dir, root -> {
            final ObjectNode calendar = (ObjectNode) root.get("calendar");
            calendar.put("shiftsPerDay", 2);
            calendar.putArray("workingDays").add("MONDAY").add("TUESDAY").add("WEDNESDAY").add("THURSDAY")
                    .add("FRIDAY");
        }));
    }

    @Test
    void offShiftNothingStartsAndTheBaselinesLeaveTheMachinesStandingByInRun() throws java.io.IOException {
        final Scenario scenario = twoShifts();
        final ShiftCalendar calendar = scenario.calendar().plant();
        assertThat(scenario.declaredOnly()).extracting(d -> d.pointer()).doesNotContain("/calendar");
        final List<Observation> seen = new ArrayList<>();
        final Policy inner = PolicyKind.BASELINE.create(scenario);
        final Policy recording = recording(inner, observation -> seen.add(observation));
        final RunResult shifts = BenchRunner.run(scenario, recording, 3, 1, Duration.ofMinutes(1));
        final RunResult around = BenchRunner.run(ScenarioLoader.load(ScenarioFiles.valid(
                java.nio.file.Files.createDirectories(dir.resolve("around")))), PolicyKind.BASELINE, 3, 1);

        // from one hour after the shift (every job under way done) to the next shift: nothing runs, all in RUN
        final List<Observation> night = seen.stream().filter(o -> !calendar.staffed(o.time())
                && calendar.staffedBetween(o.time().minus(Duration.ofHours(1)), o.time()).isZero()).toList();
        assertThat(night).hasSizeGreaterThan(6 * 60);
        for (final Observation observation : night) {
            for (final MachineObservation machine : observation.machines()) {
                assertThat(machine.state()).as(machine.id() + " at " + observation.time())
                        .isIn(MachineState.STANDBY, MachineState.BLOCKED, MachineState.FAILED,
                                MachineState.MAINTENANCE);
                assertThat(machine.mode()).isEqualTo(Mode.RUN);
            }
        }
        final long partsAtNight = night.get(night.size() - 1).machines().stream()
                .mapToLong(MachineObservation::partsProduced).sum();
        assertThat(night.get(0).machines().stream().mapToLong(MachineObservation::partsProduced).sum())
                .isEqualTo(partsAtNight);
        assertThat(night.get(night.size() - 1).machines().stream().mapToDouble(MachineObservation::powerKw).sum())
                .isPositive();
        // 16 staffed hours of 24 make less than around the clock
        assertThat(shifts.goodUnits()).isLessThan(around.goodUnits());
    }

    @Test
    void eachMachinesTimeAddsUpToTheRunAndTheStaffedHoursFollowTheCalendar() {
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.write(dir, root -> {
            final ObjectNode calendar = (ObjectNode) root.get("calendar");
            calendar.put("shiftsPerDay", 2);
            calendar.putArray("workingDays").add("MONDAY").add("TUESDAY").add("WEDNESDAY").add("THURSDAY")
                    .add("FRIDAY");
            ((ObjectNode) root.get("policies")).put("speedPercent", 90);
        }));
        final List<Observation> seen = new ArrayList<>();
        final RunResult run = BenchRunner.run(scenario, recording(PolicyKind.BASELINE.create(scenario), seen::add),
                3, 1, Duration.ofMinutes(1));

        // Monday 07:00 to Tuesday 07:00 Brussels time, staffed 06:00-22:00: 15 h on Monday, 1 h on Tuesday
        assertThat(run.staffedHours()).isCloseTo(16, offset(1e-9));
        assertThat(run.speedBound().max()).isEqualTo(120);
        assertThat(run.machineTime().keySet()).containsExactly("press-1", "cnc-1", "inspect-1", "conveyor-1");
        run.machineTime().forEach((id, time) -> {
            assertThat(time.hoursByState().values().stream().mapToDouble(Double::doubleValue).sum()).as(id)
                    .isCloseTo(24, offset(1e-6));
            // a machine running in the first minute runs it at the plant's 100 %, before the policy's 90 % applies
            assertThat(time.runningSpeedPercent()).as(id).isCloseTo(90, offset(0.2));
            // counted again from what the policy saw: each minute in the state it saw at its start, but for the
            // minutes a maintenance the gate started took from running
            final double running = seen.stream() // every observation the policy saw starts a minute
                    .filter(o -> o.machines().stream().anyMatch(m -> m.id().equals(id)
                            && m.state() == MachineState.RUNNING)).count() / 60.0;
            assertThat(time.hoursByState().getOrDefault("RUNNING", 0.0)).as(id)
                    .isBetween(running - run.preventiveMaintenances() / 60.0 - 1e-6, running + 1e-6)
                    .isGreaterThan(1);
        });
    }

    @Test
    void bothBaselinesFaceTheSameOrdersForOneSeedWithTheSlackInStaffedTime() {
        final Scenario scenario = twoShifts();
        final ShiftCalendar calendar = scenario.calendar().plant();
        final Map<String, Order> baseline = orders(scenario, calendar, PolicyKind.BASELINE, 5);
        final Map<String, Order> threshold = orders(scenario, calendar, PolicyKind.THRESHOLD, 5);
        final List<String> common = baseline.keySet().stream().filter(threshold::containsKey).toList();
        assertThat(common).hasSizeGreaterThan(20);
        assertThat(common).allSatisfy(id -> assertThat(threshold.get(id)).as(id).isEqualTo(baseline.get(id)));
    }

    private static Map<String, Order> orders(final Scenario scenario, final ShiftCalendar calendar,
            final PolicyKind kind, final long seed) {
        final Map<String, Order> orders = new LinkedHashMap<>();
        final Policy recording = recording(kind.create(scenario), observation -> {
            for (final Job job : observation.machines().get(0).waitingJobs()) {
                orders.computeIfAbsent(job.id(), id -> new Order(job.parts(),
                        calendar.staffedBetween(observation.time(), job.dueDate())));
            }
        });
        BenchRunner.run(scenario, recording, seed, 1, Duration.ofSeconds(1));
        return orders;
    }

    private static Policy recording(final Policy inner, final java.util.function.Consumer<Observation> seen) {
        return new Policy() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public List<Decision> decide(final Observation observation) {
                seen.accept(observation);
                return inner.decide(observation);
            }
        };
    }

    /** An order's size and its slack in staffed time. */
    private record Order(int parts, Duration staffedSlack) {
    }

}
