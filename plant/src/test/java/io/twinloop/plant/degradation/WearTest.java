package io.twinloop.plant.degradation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WearTest {

    private final DegradationModel fitted = DegradationModel.fitted();

    @Test
    void theCommittedFitHasARisingHazardAndLateDrift() {
        assertThat(fitted.life().shape()).as("Weibull shape: wear-out, not random failures").isGreaterThan(1);
        for (final Signature signature : Signature.values()) {
            final DriftCurve curve = fitted.drift(signature);
            assertThat(curve.driftAt(0)).isZero();
            assertThat(curve.driftAt(1)).isEqualTo(curve.driftAtFailure());
            // Flat for most of the life, rising steeply at the end: under a quarter of the drift at half life.
            assertThat(curve.driftAt(0.5)).isPositive().isLessThan(curve.driftAtFailure() / 4);
            assertThat(curve.driftAtFailure()).as(signature + " drift at failure, in noise sigmas").isGreaterThan(3);
        }
    }

    @Test
    void wearLowersHealthAndRaisesTheHazard() {
        final Wear wear = new Wear(fitted.life(), 600);
        assertThat(wear.health()).isEqualTo(1);
        final double newHazard = wear.hazardPerHour();

        wear.accumulate(300, 1); // a draw of 1 never fails
        final double halfLifeHazard = wear.hazardPerHour();
        final double halfLifeHealth = wear.health();
        wear.accumulate(300, 1);

        assertThat(halfLifeHazard).isGreaterThan(newHazard);
        assertThat(wear.hazardPerHour()).isGreaterThan(halfLifeHazard);
        assertThat(halfLifeHealth).isLessThan(1).isGreaterThan(wear.health());
        assertThat(wear.health()).isCloseTo(Math.exp(-1), within(1e-12));

        wear.restore();
        assertThat(wear.health()).isEqualTo(1);
    }

    @Test
    void failureProbabilityOfAStepDoesNotDependOnHowTheStepIsCut() {
        final LifeDistribution life = fitted.life().withScale(600);
        final double whole = life.failureProbability(100, 400);
        final double survivedParts = (1 - life.failureProbability(100, 250)) * (1 - life.failureProbability(250, 400));
        assertThat(1 - survivedParts).isCloseTo(whole, within(1e-12));
    }
}
