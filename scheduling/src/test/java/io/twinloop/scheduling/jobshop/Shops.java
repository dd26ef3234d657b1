package io.twinloop.scheduling.jobshop;

/** Small hand-made shops for tests that must run without the corpus. */
public final class Shops {

    private Shops() {
    }

    /**
     * 3 jobs x 3 machines; its optimum is found by brute force in the solver test.
     */
    public static JobShop threeByThree() {
        return JobShop.of("3x3", 3,
                new int[][] {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}},
                new int[][] {{3, 2, 2}, {2, 1, 4}, {4, 3, 1}});
    }
}
