package io.twinloop.optimizer.quality;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.goal.Objectives;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.whatif.PlantModel;
import io.twinloop.optimizer.whatif.Prediction;
import io.twinloop.optimizer.whatif.SurrogateModel;

/**
 * A {@link PlantModel} that adds scrap to a base model's prediction: for every machine the {@link QualityAgent}
 * watches, the parts over the horizon (the machine's rate at its requested speed) times the probability that a part
 * lands outside ±tolerance, {@code Φ((−T − μ)/σ) + 1 − Φ((T − μ)/σ)}, at the mean the candidate leaves: the agent's
 * estimate shifted by the offset the candidate sets (or the one already requested) less the one applied. Each
 * scrapped part is made again, so it is a unit lost (cost {@code lostUnitCostEur}, throughput). The drift that goes on
 * during the horizon is not extrapolated: every candidate is judged on the process as it is now.
 */
public record ScrapModel(PlantModel base, QualityAgent agent, SurrogateModel.Settings estimates)
        implements PlantModel {

    public ScrapModel {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(estimates, "estimates");
    }

    /** One watched machine: its parts over the horizon and its process now. */
    private record Exposure(MachineView machine, double parts, QualityAgent.Estimate estimate, double requestedOffset) {
    }

    @Override
    public Forecast forecast(final PlantView view, final Duration horizon) {
        final double hours = horizon.toMillis() / 3_600_000.0;
        final List<Exposure> exposures = new ArrayList<>();
        for (final MachineView machine : view.machines()) {
            agent.estimate(machine.thingId()).filter(e -> e.sigmaUm() > 0).ifPresent(estimate -> {
                final double speed = Double.isNaN(machine.requestedSpeed()) ? 100 : machine.requestedSpeed();
                final double requested = machine.desired(QualitySignal.OFFSET).filter(v -> v.isNumber())
                        .map(v -> v.asDouble()).orElse(estimate.offsetUm());
                exposures.add(new Exposure(machine, estimates.unitsPerHourAtFullSpeed() * speed / 100 * hours,
                        estimate, requested));
            });
        }
        final Forecast forecast = base.forecast(view, horizon);
        return candidate -> predict(forecast.predict(candidate), candidate, exposures);
    }

    private Prediction predict(final Prediction base, final Candidate candidate, final List<Exposure> exposures) {
        if (exposures.isEmpty()) {
            return base;
        }
        double scrap = 0;
        for (final Exposure exposure : exposures) {
            double offset = exposure.requestedOffset();
            for (final Action action : candidate.actions()) {
                if (action.thingId().equals(exposure.machine().thingId())
                        && ("/" + QualitySignal.OFFSET).equals(action.property().toString())
                        && action.value().isNumber()) {
                    offset = action.value().asDouble();
                }
            }
            final QualityAgent.Estimate estimate = exposure.estimate();
            final double mean = estimate.meanUm() + offset - estimate.offsetUm();
            scrap += exposure.parts() * scrapProbability(mean, estimate.sigmaUm(), estimate.toleranceUm());
        }
        final Objectives objectives = base.objectives();
        return new Prediction(new Objectives(objectives.costEur() + scrap * estimates.lostUnitCostEur(),
                objectives.energyKwh(), objectives.downtimeHours(), Math.max(0, objectives.throughputUnits() - scrap)),
                base.confidence(), base.model() + "+scrap");
    }

    /** P(|X| > T) for X ~ N(mean, σ²). */
    static double scrapProbability(final double mean, final double sigma, final double tolerance) {
        return normalCdf((-tolerance - mean) / sigma) + normalCdf((mean - tolerance) / sigma);
    }

    /** Φ(x) from the complementary error function (Abramowitz and Stegun 7.1.26 would do; this is W. J. Cody's). */
    static double normalCdf(final double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /** erfc by the Numerical Recipes Chebyshev fit, relative error below 1.2e-7 everywhere. */
    private static double erfc(final double x) {
        final double z = Math.abs(x);
        final double t = 1 / (1 + 0.5 * z);
        final double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
                + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
