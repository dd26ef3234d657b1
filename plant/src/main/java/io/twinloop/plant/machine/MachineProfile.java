package io.twinloop.plant.machine;

import java.time.Duration;
import java.util.Objects;

/** Everything that makes one kind of machine behave as it does. */
public record MachineProfile(Duration nominalCycleTime, SpeedRange speedRange, EnergyProfile energy,
        SignatureProfile signatures, WearProfile wear, RestartProfile restart) {

    public MachineProfile {
        Objects.requireNonNull(nominalCycleTime, "nominalCycleTime");
        Objects.requireNonNull(speedRange, "speedRange");
        Objects.requireNonNull(energy, "energy");
        Objects.requireNonNull(signatures, "signatures");
        Objects.requireNonNull(wear, "wear");
        Objects.requireNonNull(restart, "restart");
        if (nominalCycleTime.isNegative() || nominalCycleTime.isZero()) {
            throw new IllegalArgumentException("nominal cycle time must be positive, was " + nominalCycleTime);
        }
    }

    /** A profile whose machine restarts at once and at no cost ({@link RestartProfile#none()}), e.g. an estimate. */
    public MachineProfile(final Duration nominalCycleTime, final SpeedRange speedRange, final EnergyProfile energy,
            final SignatureProfile signatures, final WearProfile wear) {
        this(nominalCycleTime, speedRange, energy, signatures, wear, RestartProfile.none());
    }

    /** The same profile with another wear profile (e.g. a scaled characteristic life). */
    public MachineProfile withWear(final WearProfile other) {
        return new MachineProfile(nominalCycleTime, speedRange, energy, signatures, other, restart);
    }

    /** Time to make one part at {@code speedPercent}: inversely proportional to speed. */
    public Duration cycleTime(final double speedPercent) {
        return Duration.ofNanos(Math.round(nominalCycleTime.toNanos() * 100 / speedPercent));
    }
}
