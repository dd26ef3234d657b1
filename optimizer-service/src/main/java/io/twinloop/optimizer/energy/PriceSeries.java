package io.twinloop.optimizer.energy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * Day-ahead electricity prices, EUR/kWh, as a step function of time: each price holds from its instant until the
 * next one; the last holds for one step (the smallest spacing of the series). A gap inside the series (an hour the
 * source left empty) holds the price before it. Immutable.
 */
public final class PriceSeries {

    /** Prices closer together than this are not a day-ahead series (and usually a parse mistake). */
    public static final Duration MIN_STEP = Duration.ofMinutes(1);

    private final String source;
    private final NavigableMap<Instant, Double> prices;
    private final Duration step;

    private PriceSeries(final String source, final NavigableMap<Instant, Double> prices, final Duration step) {
        this.source = source;
        this.prices = prices;
        this.step = step;
    }

    /**
     * @param source where the prices came from, for messages
     * @param prices EUR/kWh by the instant they start to apply; at least one, at least {@link #MIN_STEP} apart
     */
    public static PriceSeries of(final String source, final Map<Instant, Double> prices) {
        Objects.requireNonNull(source, "source");
        if (prices.isEmpty()) {
            throw new IllegalArgumentException("price series " + source + " holds no prices");
        }
        final TreeMap<Instant, Double> sorted = new TreeMap<>(prices);
        Duration step = null;
        Instant previous = null;
        for (final Map.Entry<Instant, Double> entry : sorted.entrySet()) {
            if (entry.getValue() == null || !Double.isFinite(entry.getValue())) {
                throw new IllegalArgumentException("price series " + source + ": price at " + entry.getKey()
                        + " must be a finite number, was " + entry.getValue());
            }
            if (previous != null) {
                final Duration gap = Duration.between(previous, entry.getKey());
                if (gap.compareTo(MIN_STEP) < 0) {
                    throw new IllegalArgumentException("price series " + source + ": prices at " + previous
                            + " and " + entry.getKey() + " are less than " + MIN_STEP + " apart");
                }
                step = step == null || gap.compareTo(step) < 0 ? gap : step;
            }
            previous = entry.getKey();
        }
        return new PriceSeries(source, sorted, step == null ? Duration.ofHours(1) : step);
    }

    public String source() {
        return source;
    }

    /** The first instant with a price. */
    public Instant start() {
        return prices.firstKey();
    }

    /** The instant the last price stops applying (its start plus one step). */
    public Instant end() {
        return prices.lastKey().plus(step);
    }

    /** The smallest spacing of the prices (15 min, 1 h, …). */
    public Duration step() {
        return step;
    }

    public int size() {
        return prices.size();
    }

    /** The prices by start instant, in time order. */
    public NavigableMap<Instant, Double> points() {
        return java.util.Collections.unmodifiableNavigableMap(prices);
    }

    /** EUR/kWh at {@code instant}; outside {@link #start()}..{@link #end()} there is no price. */
    public double price(final Instant instant) {
        if (instant.isBefore(start()) || !instant.isBefore(end())) {
            throw new IllegalArgumentException("price series " + source + " has no price at " + instant
                    + " (it covers " + start() + " to " + end() + ")");
        }
        return prices.floorEntry(instant).getValue();
    }

    /**
     * The time-weighted average EUR/kWh over {@code [from, to)}, of the part the series covers; an error if it
     * covers none of it.
     */
    public double average(final Instant from, final Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("average over an empty interval " + from + " to " + to);
        }
        final Instant lo = from.isBefore(start()) ? start() : from;
        final Instant hi = to.isAfter(end()) ? end() : to;
        if (!lo.isBefore(hi)) {
            throw new IllegalArgumentException("price series " + source + " has no price between " + from
                    + " and " + to + " (it covers " + start() + " to " + end() + ")");
        }
        double weighted = 0;
        Instant cursor = lo;
        while (cursor.isBefore(hi)) {
            final Instant next = prices.higherKey(cursor);
            final Instant until = next == null || next.isAfter(hi) ? hi : next;
            weighted += prices.floorEntry(cursor).getValue() * Duration.between(cursor, until).toMillis();
            cursor = until;
        }
        return weighted / Duration.between(lo, hi).toMillis();
    }

    /**
     * Hourly average prices from {@code now}: element {@code h} is the average over {@code [now+h, now+h+1)} hours.
     * Hours past the end of the series (day-ahead prices are published for the next day only) repeat the last hour
     * the series covers; hours before its start are an error.
     */
    public double[] hourly(final Instant now, final int hours) {
        if (hours < 1) {
            throw new IllegalArgumentException("hourly prices need at least one hour, asked for " + hours);
        }
        final double[] result = new double[hours];
        for (int h = 0; h < hours; h++) {
            final Instant from = now.plus(Duration.ofHours(h));
            if (!from.isBefore(end())) {
                result[h] = h > 0 ? result[h - 1] : average(end().minus(Duration.ofHours(1)), end());
            } else {
                result[h] = average(from, from.plus(Duration.ofHours(1)));
            }
        }
        return result;
    }

    /**
     * The {@link io.twinloop.optimizer.whatif.SurrogateModel}'s price function as seen from {@code now}: EUR/kWh
     * for the hour {@code h} ahead (0 = the hour starting now), as {@link #hourly(Instant, int)}.
     */
    public DoubleUnaryOperator pricePerKwhFrom(final Instant now, final int hours) {
        final double[] hourly = hourly(now, hours);
        return h -> hourly[(int) Math.max(0, Math.min(hourly.length - 1, Math.floor(h)))];
    }

    /** The part of the series within {@code [from, to)} (for a benchmark week, a test). */
    public PriceSeries between(final Instant from, final Instant to) {
        final TreeMap<Instant, Double> part = new TreeMap<>(prices.subMap(from, true, to, false));
        final Map.Entry<Instant, Double> before = prices.floorEntry(from);
        if (before != null && !part.containsKey(from) && from.isBefore(end())) {
            part.put(from, before.getValue());
        }
        return of(source + " [" + from + ", " + to + ")", part);
    }

    /** All prices as a list, in time order (for reports). */
    public List<Double> values() {
        return new ArrayList<>(prices.values());
    }

    @Override
    public String toString() {
        return "PriceSeries[" + source + ", " + size() + " prices, " + start() + " to " + end() + ", step " + step
                + "]";
    }
}
