package io.twinloop.plant.machine;

import java.time.Duration;
import java.util.Objects;

/** Everything that makes one kind of machine behave as it does. */
public record MachineProfile(Duration nominalCycleTime, SpeedRange speedRange, EnergyProfile energy,
        SignatureProfile signatures, WearProfile wear) {

    public MachineProfile {
        Objects.requireNonNull(nominalCycleTime, "nominalCycleTime");
        Objects.requireNonNull(speedRange, "speedRange");
        Objects.requireNonNull(energy, "energy");
        Objects.requireNonNull(signatures, "signatures");
        Objects.requireNonNull(wear, "wear");
        if (nominalCycleTime.isNegative() || nominalCycleTime.isZero()) {
            throw new IllegalArgumentException("nominal cycle time must be positive, was " + nominalCycleTime);
        }
    }

    /** Time to make one part at {@code speedPercent}: inversely proportional to speed. */
    public Duration cycleTime(final double speedPercent) {
        return Duration.ofNanos(Math.round(nominalCycleTime.toNanos() * 100 / speedPercent));
    }
}
