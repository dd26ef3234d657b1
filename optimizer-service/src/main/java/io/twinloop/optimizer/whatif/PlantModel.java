package io.twinloop.optimizer.whatif;

import java.time.Duration;

import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.plant.PlantView;

/**
 * Predicts what a candidate leads to before anything is dispatched: from the plant as the twins show it (estimated
 * parameters, never the simulator's hidden truth), over a horizon.
 */
public interface PlantModel {

    Prediction predict(PlantView view, Candidate candidate, Duration horizon);
}
