package io.twinloop.scenarios.scenario;

import io.twinloop.optimizer.energy.PriceSeries;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The price series a scenario is costed with.
 *
 * @param written the reference as the file spells it ({@code corpus:tariffs/...} or a path relative to the file)
 * @param file where it resolved to
 * @param series the prices, read by the optimizer's {@code PriceFiles} (user, Belpex or ENTSO-E format)
 */
public record PriceReference(String written, Path file, PriceSeries series) {

    public PriceReference {
        Objects.requireNonNull(written, "written");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(series, "series");
    }
}
