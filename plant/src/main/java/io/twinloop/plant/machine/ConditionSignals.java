package io.twinloop.plant.machine;

import io.twinloop.plant.degradation.DegradationModel;
import io.twinloop.plant.degradation.Signature;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * A machine's vibration, temperature and current readings: a healthy level set by state and speed, plus the
 * fitted degradation drift (only under load, where wear shows), plus measurement noise. Temperature follows its
 * target with a first-order lag, so it keeps drifting for a while after the load changes.
 */
final class ConditionSignals {

    private final SignatureProfile profile;
    private final DegradationModel degradation;
    private double machineTemperature;
    private double vibration;
    private double temperature;
    private double current;

    ConditionSignals(final SignatureProfile profile, final DegradationModel degradation) {
        this.profile = profile;
        this.degradation = degradation;
        this.machineTemperature = profile.ambientC();
        this.temperature = profile.ambientC();
    }

    /** Moves the readings on by {@code step}; always draws three normals, so the random stream stays aligned. */
    void update(final Duration step, final MachineState state, final double speedPercent, final double powerKw,
            final double lifeFraction, final SplittableRandom random) {
        final boolean loaded = state == MachineState.RUNNING;
        final double load = loaded ? speedPercent / 100 : (state == MachineState.STANDBY
                || state == MachineState.BLOCKED ? 0.1 : 0);
        final double vibrationDrift = loaded ? drift(Signature.VIBRATION, lifeFraction) * profile.vibrationNoise() : 0;
        final double temperatureDrift = loaded
                ? drift(Signature.TEMPERATURE, lifeFraction) * profile.temperatureNoise() : 0;
        final double currentDrift = loaded ? drift(Signature.CURRENT, lifeFraction) * profile.currentNoise() : 0;

        final double target = profile.ambientC() + profile.temperatureRiseC() * load + temperatureDrift;
        final double tau = profile.thermalTimeConstant().toNanos();
        machineTemperature += (target - machineTemperature) * -Math.expm1(-step.toNanos() / tau);

        vibration = Math.max(0, profile.vibrationMmS() * load + vibrationDrift
                + profile.vibrationNoise() * Gaussian.next(random));
        temperature = machineTemperature + profile.temperatureNoise() * Gaussian.next(random);
        current = Math.max(0, EnergyProfile.currentAmperes(powerKw) + currentDrift
                + profile.currentNoise() * Gaussian.next(random));
    }

    private double drift(final Signature signature, final double lifeFraction) {
        return degradation.drift(signature).driftAt(lifeFraction);
    }

    double vibration() {
        return vibration;
    }

    double temperature() {
        return temperature;
    }

    double current() {
        return current;
    }
}
