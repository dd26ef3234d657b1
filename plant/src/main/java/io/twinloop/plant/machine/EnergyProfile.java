package io.twinloop.plant.machine;

/**
 * Electrical power a machine draws in each state, in kW. Running power grows faster than speed
 * ({@code standby + (rated - standby) * speed^exponent}, exponent above 1), so a part made faster costs more energy:
 * the trade-off an energy agent works with.
 */
public record EnergyProfile(double standbyKw, double ratedKw, double speedExponent, double blockedKw,
        double failedKw, double maintenanceKw) {

    /** Supply the current signature is derived from: 400 V three-phase at a power factor of 0.85. */
    private static final double AMPERES_PER_KW = 1000 / (Math.sqrt(3) * 400 * 0.85);

    public EnergyProfile {
        if (standbyKw < 0 || ratedKw < standbyKw || speedExponent < 1 || blockedKw < 0 || failedKw < 0
                || maintenanceKw < 0) {
            throw new IllegalArgumentException("energy profile needs non-negative powers, rated >= standby and an"
                    + " exponent >= 1: " + this);
        }
    }

    /** Power in kW in {@code state} at {@code speedPercent}. */
    public double powerKw(final MachineState state, final double speedPercent) {
        return switch (state) {
            case OFF -> 0;
            case STANDBY -> standbyKw;
            case RUNNING -> standbyKw + (ratedKw - standbyKw) * Math.pow(speedPercent / 100, speedExponent);
            case BLOCKED -> blockedKw;
            case FAILED -> failedKw;
            case MAINTENANCE -> maintenanceKw;
        };
    }

    /** Line current in A that {@code powerKw} draws from the supply. */
    public static double currentAmperes(final double powerKw) {
        return powerKw * AMPERES_PER_KW;
    }
}
