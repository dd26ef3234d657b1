package io.twinloop.optimizer.whatif;

import java.time.Duration;

import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.plant.PlantView;

/**
 * Predicts what a candidate leads to before anything is dispatched: from the plant as the twins show it (estimated
 * parameters, never the simulator's hidden truth), over a horizon. A decision predicts many candidates on one
 * view: {@link #forecast} prepares what they share once.
 */
public interface PlantModel {

    /** The model set up for one view and horizon; predicts each candidate of a decision. */
    Forecast forecast(PlantView view, Duration horizon);

    default Prediction predict(final PlantView view, final Candidate candidate, final Duration horizon) {
        return forecast(view, horizon).predict(candidate);
    }

    /** Predictions for candidates on one view. */
    @FunctionalInterface
    interface Forecast {
        Prediction predict(Candidate candidate);
    }
}
