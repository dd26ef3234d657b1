package io.twinloop.scheduling.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import io.twinloop.scheduling.Corpus;
import io.twinloop.scheduling.jobshop.JobShop;
import io.twinloop.scheduling.jobshop.Schedule;
import io.twinloop.scheduling.jobshop.ScheduleValidator;
import io.twinloop.scheduling.jobshop.Shops;

class SolverTest {

    static Stream<JobShopSolver> solvers() {
        return Stream.of(CpSatSolver.reference(), HybridSolver.standard(), HybridSolver.of(2, 0));
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void smallHandMadeShopIsSolvedToItsOptimum(final JobShopSolver solver) {
        final JobShop shop = Shops.threeByThree();
        final SolverResult result = solver.solve(shop, SolveRequest.of(Duration.ofSeconds(5)));
        assertThat(ScheduleValidator.violations(shop, result.best().starts())).isEmpty();
        assertThat(result.makespan()).isEqualTo(bruteForceOptimum(shop));
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void ft06IsSolvedTo55(final JobShopSolver solver) {
        final JobShop ft06 = Corpus.corpus().load("ft06");
        final SolverResult result = solver.solve(ft06, SolveRequest.of(Duration.ofSeconds(10)).withSeed(7));
        assertThat(ScheduleValidator.violations(ft06, result.best().starts())).isEmpty();
        assertThat(result.makespan()).isEqualTo(55);
        assertThat(result.lowerBound()).isLessThanOrEqualTo(55);
    }

    @Test
    void la01IsSolvedToItsOptimumByBoth() {
        final JobShop la01 = Corpus.corpus().load("la01");
        for (final JobShopSolver solver : List.of(CpSatSolver.reference(), HybridSolver.standard())) {
            final SolverResult result = solver.solve(la01, SolveRequest.of(Duration.ofSeconds(10)));
            assertThat(result.makespan()).as(solver.name()).isEqualTo(666);
            assertThat(result.optimal()).as(solver.name()).isTrue();
        }
    }

    @Test
    void anIterationLimitedSingleSearchGivesTheSameSchedulesEachTime() {
        final JobShop ft10 = Corpus.corpus().load("ft10");
        final JobShopSolver solver = HybridSolver.of(1, 0);
        final SolveRequest request = SolveRequest.of(Duration.ofSeconds(30)).withSeed(3).withCandidates(5)
                .withIterationLimit(1_500);
        final SolverResult first = solver.solve(ft10, request);
        final SolverResult again = solver.solve(ft10, request);

        assertThat(first.wallTime()).as("the limit, not the budget, ended it").isLessThan(Duration.ofSeconds(10));
        assertThat(again.candidates()).isNotEmpty().isEqualTo(first.candidates());
        assertThatThrownBy(() -> request.withIterationLimit(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iteration limit must be >= 0");
    }

    @Test
    void aWarmStartIsNeverMadeWorse() {
        final JobShop ft10 = Corpus.corpus().load("ft10");
        final Schedule plan = Dispatching.mostWorkRemaining(ft10).semiActiveSchedule();
        for (final JobShopSolver solver : List.of(CpSatSolver.reference(), HybridSolver.standard())) {
            final SolverResult result = solver.solve(ft10,
                    SolveRequest.of(Duration.ofMillis(300)).withWarmStart(plan));
            assertThat(result.makespan()).as(solver.name()).isLessThanOrEqualTo(plan.makespan());
        }
    }

    @Test
    void aWarmStartThatIsAlreadyOptimalComesBackUnchanged() {
        final JobShop shop = Shops.threeByThree();
        final Schedule optimal = CpSatSolver.reference().solve(shop, SolveRequest.of(Duration.ofSeconds(5))).best();
        final SolverResult again = HybridSolver.of(1, 0).solve(shop,
                SolveRequest.of(Duration.ofMillis(200)).withWarmStart(optimal));
        assertThat(again.makespan()).isEqualTo(optimal.makespan());
    }

    @Test
    void twentyDistinctValidCandidatesBestFirst() {
        final JobShop ft10 = Corpus.corpus().load("ft10");
        final SolverResult result = HybridSolver.standard().solve(ft10,
                SolveRequest.of(Duration.ofSeconds(1)).withCandidates(20));
        assertThat(result.candidates()).hasSize(20);
        assertThat(new HashSet<>(result.candidates())).hasSize(20);
        assertThat(result.candidates().get(0)).isEqualTo(result.best());
        assertThat(result.candidates()).isSortedAccordingTo(java.util.Comparator.comparingInt(Schedule::makespan));
        result.candidates().forEach(c -> assertThat(ScheduleValidator.violations(ft10, c.starts())).isEmpty());
    }

    @Test
    void aMachineBackFromRepairLaterIsRespected() {
        final JobShop ft06 = Corpus.corpus().load("ft06").withMachineAvailability(new int[] {0, 0, 30, 0, 0, 0});
        for (final JobShopSolver solver : List.of(CpSatSolver.reference(), HybridSolver.standard())) {
            final SolverResult result = solver.solve(ft06, SolveRequest.of(Duration.ofSeconds(2)));
            for (int op = 0; op < ft06.operationCount(); op++) {
                if (ft06.machine(op) == 2) {
                    assertThat(result.best().start(op)).as(solver.name()).isGreaterThanOrEqualTo(30);
                }
            }
        }
    }

    @Test
    void jobsThatVisitAMachineTwiceGetValidOptimalSchedules() {
        // job 2 needs machine 0 twice in a row, jobs 0 and 1 come back to a machine: orders within a job are fixed
        final JobShop shop = JobShop.of("recirculation", 2, new int[][] {{0, 1, 0}, {1, 0, 1}, {0, 0, 1}},
                new int[][] {{2, 3, 2}, {3, 2, 1}, {1, 2, 3}});
        final int optimum = bruteForceOptimum(shop);
        for (final JobShopSolver solver : solvers().toList()) {
            final SolverResult result = solver.solve(shop, SolveRequest.of(Duration.ofSeconds(2)));
            assertThat(ScheduleValidator.violations(shop, result.best().starts())).isEmpty();
            assertThat(result.makespan()).as(solver.name()).isEqualTo(optimum);
        }
    }

    @Test
    void aPlanHeldBackByAReleaseIsNotMistakenForOptimal() {
        // one machine; job 0 (1 long) released at 5, job 1 (10 long) at 0. The plan runs job 0 first: 5..6, 6..16.
        // Its critical path is one block, but it starts at a release, not at the machine's availability: 1 then 0
        // gives 11.
        final JobShop shop = JobShop.of("release", 1, new int[][] {{0}, {0}}, new int[][] {{1}, {10}})
                .withJobReleases(new int[] {5, 0});
        final Schedule plan = Schedule.of(shop, new int[] {5, 6});
        final SolverResult result = HybridSolver.of(1, 0).solve(shop,
                SolveRequest.of(Duration.ofSeconds(1)).withWarmStart(plan));
        assertThat(result.makespan()).isEqualTo(11);
    }

    @Test
    void dispatchingGivesAValidStart() {
        final JobShop shop = Shops.threeByThree();
        final Schedule schedule = Dispatching.mostWorkRemaining(shop).semiActiveSchedule();
        assertThat(schedule.makespan()).isGreaterThanOrEqualTo(shop.trivialLowerBound());
    }

    @Test
    void badRequestsAreRefused() {
        assertThatThrownBy(() -> SolveRequest.of(Duration.ZERO)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> SolveRequest.of(Duration.ofSeconds(1)).withCandidates(0))
                .hasMessageContaining("at least one candidate");
        assertThatThrownBy(() -> CpSatSolver.withWorkers(0)).hasMessageContaining("at least 1 worker");
    }

    /** Tries every order on every machine: the independent truth for the tiny shop. */
    private static int bruteForceOptimum(final JobShop shop) {
        final int[][] onMachine = new int[shop.machineCount()][];
        for (int m = 0; m < onMachine.length; m++) {
            onMachine[m] = shop.operationsOn(m);
        }
        return search(shop, onMachine, new int[shop.machineCount()][], 0);
    }

    private static int search(final JobShop shop, final int[][] onMachine, final int[][] chosen, final int m) {
        if (m == onMachine.length) {
            try {
                return io.twinloop.scheduling.jobshop.MachineSequences.of(shop, chosen).semiActiveSchedule().makespan();
            } catch (IllegalArgumentException cycle) {
                return Integer.MAX_VALUE;
            }
        }
        int best = Integer.MAX_VALUE;
        for (final int[] permutation : permutations(onMachine[m])) {
            chosen[m] = permutation;
            best = Math.min(best, search(shop, onMachine, chosen, m + 1));
        }
        return best;
    }

    private static List<int[]> permutations(final int[] items) {
        if (items.length <= 1) {
            return List.of(items.clone());
        }
        final List<int[]> all = new java.util.ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            final int[] rest = new int[items.length - 1];
            for (int k = 0, r = 0; k < items.length; k++) {
                if (k != i) {
                    rest[r++] = items[k];
                }
            }
            for (final int[] tail : permutations(rest)) {
                final int[] permutation = new int[items.length];
                permutation[0] = items[i];
                System.arraycopy(tail, 0, permutation, 1, tail.length);
                all.add(permutation);
            }
        }
        return all;
    }
}
