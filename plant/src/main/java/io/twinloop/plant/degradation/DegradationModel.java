package io.twinloop.plant.degradation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The data-derived part of the plant's degradation: a life distribution shape and one drift curve per signature.
 * The committed numbers come from {@link io.twinloop.plant.degradation.fit.CmapssFit}; the runtime reads only
 * them, never the corpus, so the plant runs on a machine that has nothing but a JDK.
 *
 * @param life Weibull life of the fitted fleet (scale in C-MAPSS cycles)
 * @param drifts one curve per signature
 * @param source where the numbers come from, for the record
 */
public record DegradationModel(LifeDistribution life, Map<Signature, DriftCurve> drifts, String source) {

    /** The classpath resource holding the committed fit. */
    public static final String FITTED_RESOURCE = "/io/twinloop/plant/degradation/cmapss-fd001.properties";

    public DegradationModel {
        Objects.requireNonNull(life, "life");
        Objects.requireNonNull(source, "source");
        final EnumMap<Signature, DriftCurve> copy = new EnumMap<>(Signature.class);
        copy.putAll(drifts);
        for (final Signature signature : Signature.values()) {
            if (!copy.containsKey(signature)) {
                throw new IllegalArgumentException("degradation model has no drift curve for " + signature);
            }
        }
        drifts = Map.copyOf(copy);
    }

    public DriftCurve drift(final Signature signature) {
        return drifts.get(signature);
    }

    /** The parameters fitted on C-MAPSS FD001 and committed with the code. */
    public static DegradationModel fitted() {
        try (InputStream in = DegradationModel.class.getResourceAsStream(FITTED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("fitted degradation parameters missing from the classpath: "
                        + FITTED_RESOURCE);
            }
            final Properties properties = new Properties();
            properties.load(in);
            return fromProperties(properties, FITTED_RESOURCE);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + FITTED_RESOURCE, e);
        }
    }

    static DegradationModel fromProperties(final Properties properties, final String origin) {
        final LifeDistribution life = new LifeDistribution(
                number(properties, "life.weibull.shape", origin),
                number(properties, "life.weibull.scale", origin));
        final Map<Signature, DriftCurve> drifts = new EnumMap<>(Signature.class);
        for (final Signature signature : Signature.values()) {
            drifts.put(signature, new DriftCurve(
                    number(properties, signature.key() + ".curvature", origin),
                    number(properties, signature.key() + ".driftAtFailure", origin)));
        }
        return new DegradationModel(life, drifts, properties.getProperty("source", origin));
    }

    /** The model as the properties {@link #fitted()} reads, rounded to what is worth committing. */
    public Properties toProperties() {
        final Properties properties = new Properties();
        properties.setProperty("source", source);
        properties.setProperty("life.weibull.shape", format(life.shape()));
        properties.setProperty("life.weibull.scale", format(life.scale()));
        for (final Signature signature : Signature.values()) {
            final DriftCurve curve = drift(signature);
            properties.setProperty(signature.key() + ".cmapssSensor", Integer.toString(signature.cmapssSensor()));
            properties.setProperty(signature.key() + ".curvature", format(curve.curvature()));
            properties.setProperty(signature.key() + ".driftAtFailure", format(curve.driftAtFailure()));
        }
        return properties;
    }

    private static String format(final double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static double number(final Properties properties, final String key, final String origin) {
        final String text = properties.getProperty(key);
        if (text == null) {
            throw new IllegalArgumentException(origin + ": missing degradation parameter '" + key + "'");
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(origin + ": degradation parameter '" + key + "' is not a number: "
                    + text);
        }
    }
}
