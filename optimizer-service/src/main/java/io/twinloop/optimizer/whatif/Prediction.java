package io.twinloop.optimizer.whatif;

import io.twinloop.optimizer.goal.Objectives;

/**
 * A model's prediction for one candidate, and how far to trust it.
 *
 * @param model which model predicted (recorded with the decision, compared later with what happened)
 * @param confidence 0..1
 */
public record Prediction(Objectives objectives, double confidence, String model) {
}
