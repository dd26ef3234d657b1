package io.twinloop.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinloop.plant.machine.Job;
import io.twinloop.scenarios.policy.Decision;
import io.twinloop.scenarios.policy.Observation;
import io.twinloop.scenarios.policy.Policy;
import io.twinloop.scenarios.policy.PolicyKind;
import io.twinloop.scenarios.run.BenchRunner;
import io.twinloop.scenarios.scenario.Scenario;
import io.twinloop.scenarios.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Common random numbers: for one seed, both baselines face the same demand. Every order (by its id, the n-th order
 * released) has the same size and the same slack between release and due date under either policy, although the
 * policies maintain differently and so release orders at different instants. A different seed gives other orders.
 */
class CommonRandomNumbersTest {

    @TempDir
    Path dir;

    @Test
    void bothPoliciesFaceTheSameOrdersForOneSeed() {
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.valid(dir));
        final Map<String, Order> baseline = orders(scenario, PolicyKind.BASELINE, 5);
        final Map<String, Order> threshold = orders(scenario, PolicyKind.THRESHOLD, 5);
        final Map<String, Order> otherSeed = orders(scenario, PolicyKind.BASELINE, 6);

        final List<String> common = baseline.keySet().stream().filter(threshold::containsKey).toList();
        assertThat(common).hasSizeGreaterThan(30);
        assertThat(common).allSatisfy(id -> assertThat(threshold.get(id)).as(id).isEqualTo(baseline.get(id)));
        // the runs did differ (else the test proves nothing): orders were released at other instants
        assertThat(common).anyMatch(id -> !threshold.get(id).released().equals(baseline.get(id).released()));
        assertThat(common.stream().filter(otherSeed::containsKey)
                .filter(id -> !otherSeed.get(id).equals(baseline.get(id)))).isNotEmpty();
    }

    /** Each order as first seen in the first machine's queue: observed every second, that is its release. */
    private static Map<String, Order> orders(final Scenario scenario, final PolicyKind kind, final long seed) {
        final Map<String, Order> orders = new LinkedHashMap<>();
        final Policy inner = kind.create(scenario);
        final Policy recording = new Policy() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public List<Decision> decide(final Observation observation) {
                for (final Job job : observation.machines().get(0).waitingJobs()) {
                    orders.computeIfAbsent(job.id(), id -> new Order(job.parts(),
                            Duration.between(observation.time(), job.dueDate()), observation.time()));
                }
                return inner.decide(observation);
            }
        };
        BenchRunner.run(scenario, recording, seed, 1, Duration.ofSeconds(1));
        return orders;
    }

    /** An order's size and slack; {@code released} is not part of the demand (it depends on the policy). */
    private record Order(int parts, Duration slack, java.time.Instant released) {
        @Override
        public boolean equals(final Object other) {
            return other instanceof Order o && o.parts == parts && o.slack.equals(slack);
        }

        @Override
        public int hashCode() {
            return parts * 31 + slack.hashCode();
        }
    }
}
