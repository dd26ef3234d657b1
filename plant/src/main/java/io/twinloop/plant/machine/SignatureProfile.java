package io.twinloop.plant.machine;

import java.time.Duration;

/**
 * A machine's healthy condition signatures and their measurement noise. Degradation adds a drift of
 * {@code driftAtFailure} noise standard deviations at the end of life (the fitted C-MAPSS signal-to-noise), so the
 * noise figures here also set how visible wear is.
 *
 * @param vibrationMmS vibration velocity (RMS, mm/s) running at nominal speed; it scales with speed
 * @param vibrationNoise standard deviation of a vibration reading, mm/s
 * @param ambientC temperature of a cold machine, °C
 * @param temperatureRiseC rise above ambient running at nominal speed, °C
 * @param thermalTimeConstant how fast the temperature follows the load
 * @param temperatureNoise standard deviation of a temperature reading, °C
 * @param currentNoise standard deviation of a current reading, A
 */
public record SignatureProfile(double vibrationMmS, double vibrationNoise, double ambientC, double temperatureRiseC,
        Duration thermalTimeConstant, double temperatureNoise, double currentNoise) {

    public SignatureProfile {
        if (vibrationMmS < 0 || vibrationNoise <= 0 || temperatureRiseC < 0 || temperatureNoise <= 0
                || currentNoise <= 0 || thermalTimeConstant.isNegative() || thermalTimeConstant.isZero()) {
            throw new IllegalArgumentException("signature profile needs positive noise and time constant: " + this);
        }
    }
}
