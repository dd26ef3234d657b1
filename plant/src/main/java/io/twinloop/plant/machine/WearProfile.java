package io.twinloop.plant.machine;

import java.time.Duration;

/**
 * How a machine wears and how long it is down to be serviced.
 *
 * @param characteristicLifeHours Weibull scale of the machine's life in operating hours at nominal speed (the
 *     shape comes from the fitted data); the C-MAPSS fleet has no notion of a machine's hours, so this is a
 *     per-kind choice, documented in the module README
 * @param loadExponent wear per running hour grows as {@code (speed/100)^loadExponent}
 * @param maintenanceTime preventive maintenance of a working machine
 * @param repairTime repair of a failed machine
 */
public record WearProfile(double characteristicLifeHours, double loadExponent, Duration maintenanceTime,
        Duration repairTime) {

    public WearProfile {
        if (!(characteristicLifeHours > 0) || loadExponent < 0 || maintenanceTime.isNegative()
                || repairTime.isNegative()) {
            throw new IllegalArgumentException("wear profile needs a positive life and non-negative times: " + this);
        }
    }

    /** Wear, in equivalent nominal operating hours, per running hour at {@code speedPercent}. */
    public double wearRate(final double speedPercent) {
        return Math.pow(speedPercent / 100, loadExponent);
    }
}
