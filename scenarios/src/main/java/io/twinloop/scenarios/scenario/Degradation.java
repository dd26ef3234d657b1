package io.twinloop.scenarios.scenario;

import io.twinloop.plant.degradation.DegradationModel;
import java.util.Objects;

/**
 * How machines wear: which fitted {@link DegradationModel} shapes life and drift, and a scale on every machine's
 * characteristic life (below 1: machines wear out sooner, so failures show within a benchmark of days).
 *
 * @param model the model's name; {@value #CMAPSS_FD001} is the one the plant ships
 */
public record Degradation(String model, double lifeScale) {

    public static final String CMAPSS_FD001 = "cmapss-fd001";

    public Degradation {
        Objects.requireNonNull(model, "model");
    }

    public DegradationModel resolve() {
        if (!CMAPSS_FD001.equals(model)) {
            throw new IllegalStateException("unknown degradation model " + model); // the loader refuses it first
        }
        return DegradationModel.fitted();
    }
}
