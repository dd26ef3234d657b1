package io.twinloop.optimizer.whatif;

import java.util.List;
import java.util.Objects;

import org.eclipse.ditto.things.model.ThingId;

/**
 * What the optimizer believes about the plant, for the discrete-event what-if ({@link DiscreteEventModel}): the
 * surrogate's estimates plus what an event simulation needs besides. Estimates, never the simulated plant's hidden
 * figures: a machine's twin values (state, speed, power, health, queue) set where it starts, these set how it moves
 * on. Per-machine technical data in the twin ({@code TechnicalData}: {@code NominalCycleTime} s, {@code RatedPower}
 * kW, {@code SpeedMin}/{@code SpeedMax} %) overrides the line-wide figures.
 *
 * @param surrogate output, power exponent, repair and maintenance hours and costs (as the surrogate uses them)
 * @param weibullShape Weibull shape β of the wear-out life (the maintenance agent's, C-MAPSS FD001: 4.41)
 * @param lifeHours characteristic life η in operating hours at 100 % (the maintenance agent's assumed life): with
 *     the twin's health index {@code h} a machine has worn {@code η·(-ln h)^(1/β)} hours
 * @param wearSpeedExponent wear per running hour grows as {@code (speed/100)^exponent}
 * @param standbyPowerFraction standby power as a fraction of the power at 100 %; also drawn when blocked; a
 *     quarter of it when failed or in maintenance
 * @param meanJobParts parts of a job whose size the twin does not show
 * @param queueCapacity jobs that may wait in front of each machine
 * @param lineOrder the machines in flow order (a serial line); machines not listed follow in thing id order. Empty:
 *     thing id order, recorded as an assumption with each prediction
 */
public record PlantEstimates(SurrogateModel.Settings surrogate, double weibullShape, double lifeHours,
        double wearSpeedExponent, double standbyPowerFraction, int meanJobParts, int queueCapacity,
        List<ThingId> lineOrder) {

    public PlantEstimates {
        Objects.requireNonNull(surrogate, "surrogate");
        lineOrder = List.copyOf(lineOrder);
        if (!(weibullShape > 0) || !(lifeHours > 0) || !(wearSpeedExponent >= 0)
                || !(standbyPowerFraction >= 0 && standbyPowerFraction <= 1) || meanJobParts < 1
                || queueCapacity < 1 || !(surrogate.unitsPerHourAtFullSpeed() > 0)
                || !(surrogate.powerExponent() >= 1) || !(surrogate.repairHours() >= 0)
                || !(surrogate.maintenanceHours() >= 0)) {
            throw new IllegalArgumentException("plant estimates: need weibullShape > 0, lifeHours > 0, "
                    + "wearSpeedExponent >= 0, standbyPowerFraction in [0, 1], meanJobParts >= 1, queueCapacity >= 1, "
                    + "units per hour > 0, power exponent >= 1, repair and maintenance hours >= 0; were " + this);
        }
    }

    /** The surrogate's defaults with the maintenance agent's Weibull (β 4.41, η 1,000 h), 12-part jobs, 3 per queue. */
    public static PlantEstimates defaults() {
        return new PlantEstimates(SurrogateModel.Settings.defaults(), 4.41, 1_000, 2, 0.2, 12, 3, List.of());
    }

    public PlantEstimates withLineOrder(final List<ThingId> order) {
        return new PlantEstimates(surrogate, weibullShape, lifeHours, wearSpeedExponent, standbyPowerFraction,
                meanJobParts, queueCapacity, order);
    }

    public PlantEstimates withLife(final double shape, final double hours) {
        return new PlantEstimates(surrogate, shape, hours, wearSpeedExponent, standbyPowerFraction, meanJobParts,
                queueCapacity, lineOrder);
    }

    public PlantEstimates withSurrogate(final SurrogateModel.Settings settings) {
        return new PlantEstimates(settings, weibullShape, lifeHours, wearSpeedExponent, standbyPowerFraction,
                meanJobParts, queueCapacity, lineOrder);
    }
}
