package io.twinloop.optimizer.quality;

/**
 * The two one-sided CUSUM statistics after some standardized samples: {@code C+ = max(0, C+ + z − k)},
 * {@code C− = max(0, C− − z − k)}, and how many samples each has been above zero (for the shift estimate).
 */
public record CusumState(double upper, double lower, int upperRun, int lowerRun) {

    public static CusumState start() {
        return new CusumState(0, 0, 0, 0);
    }

    public CusumState next(final double z, final double k) {
        final double up = Math.max(0, upper + z - k);
        final double down = Math.max(0, lower - z - k);
        return new CusumState(up, down, up > 0 ? upperRun + 1 : 0, down > 0 ? lowerRun + 1 : 0);
    }

    public boolean alarm(final double h) {
        return upper > h || lower > h;
    }

    /**
     * The mean shift, σ, signed, as the chart estimates it (Montgomery §9.1.2): {@code k + C+/N+} above,
     * {@code −(k + C−/N−)} below; 0 without a run.
     */
    public double shiftEstimate(final double k) {
        if (upper >= lower && upperRun > 0) {
            return k + upper / upperRun;
        }
        if (lowerRun > 0) {
            return -(k + lower / lowerRun);
        }
        return 0;
    }
}
