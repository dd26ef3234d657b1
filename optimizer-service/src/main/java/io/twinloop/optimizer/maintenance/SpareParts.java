package io.twinloop.optimizer.maintenance;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.ditto.things.model.ThingId;

/**
 * The spare-part store as configured: which part a maintenance of a machine uses (named per machine, or per machine
 * kind), and per part how many are on hand and how long an order takes. Immutable; built with {@link #builder()}.
 *
 * <p>A machine's kind is its thing name without a trailing {@code -<number>} ({@code demo:cnc-1} → {@code cnc}), the
 * naming of the demo plant; a part named for the machine itself wins over its kind's. The stock is what was
 * configured: the optimizer does not see parts being used or delivered, so the operator updates it.
 */
public final class SpareParts {

    /** One part in the store. */
    public record Stock(String partNumber, int onHand, Duration leadTime) {

        public Stock {
            if (partNumber == null || partNumber.isBlank()) {
                throw new IllegalArgumentException("spare parts: a part number must not be blank");
            }
            if (onHand < 0) {
                throw new IllegalArgumentException("spare parts: " + partNumber + " onHand must be >= 0, was "
                        + onHand);
            }
            if (leadTime == null || leadTime.isNegative()) {
                throw new IllegalArgumentException("spare parts: " + partNumber + " leadTime must be >= 0, was "
                        + leadTime);
            }
        }
    }

    private final Map<String, String> partPerMachine;
    private final Map<String, String> partPerKind;
    private final Map<String, Stock> stock;

    private SpareParts(final Map<String, String> partPerMachine, final Map<String, String> partPerKind,
            final Map<String, Stock> stock) {
        this.partPerMachine = Map.copyOf(partPerMachine);
        this.partPerKind = Map.copyOf(partPerKind);
        this.stock = Map.copyOf(stock);
    }

    /** No parts configured: maintenance needs none as far as the optimizer knows. */
    public static SpareParts none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The part a maintenance of this machine uses, if one is configured. */
    public Optional<Stock> partFor(final ThingId machine) {
        final String part = partPerMachine.getOrDefault(machine.toString(), partPerKind.get(kindOf(machine)));
        return Optional.ofNullable(part).map(stock::get);
    }

    /** The need when the store holds none of the machine's part. */
    public Optional<SparePartNeed> shortageFor(final ThingId machine) {
        return partFor(machine).filter(s -> s.onHand() < 1)
                .map(s -> new SparePartNeed(machine, s.partNumber(), s.onHand(), s.leadTime()));
    }

    /** {@code cnc-1} → {@code cnc}: the thing name without a trailing {@code -<number>}. */
    public static String kindOf(final ThingId machine) {
        return machine.getName().replaceFirst("-\\d+$", "");
    }

    public static final class Builder {

        private final Map<String, String> partPerMachine = new LinkedHashMap<>();
        private final Map<String, String> partPerKind = new LinkedHashMap<>();
        private final Map<String, Stock> stock = new LinkedHashMap<>();

        /** A part in the store. */
        public Builder stock(final String partNumber, final int onHand, final Duration leadTime) {
            final Stock part = new Stock(partNumber, onHand, leadTime);
            if (stock.putIfAbsent(partNumber, part) != null) {
                throw new IllegalArgumentException("spare parts: part " + partNumber + " is stocked twice");
            }
            return this;
        }

        /** The part a maintenance of every machine of this kind uses (e.g. {@code cnc}). */
        public Builder kind(final String kind, final String partNumber) {
            partPerKind.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(partNumber, "partNumber"));
            return this;
        }

        /** The part a maintenance of this machine uses. */
        public Builder machine(final ThingId machine, final String partNumber) {
            partPerMachine.put(machine.toString(), Objects.requireNonNull(partNumber, "partNumber"));
            return this;
        }

        /** @throws IllegalArgumentException naming a part used by a machine or kind but not stocked */
        public SpareParts build() {
            for (final Map.Entry<String, String> e : partPerMachine.entrySet()) {
                requireStocked("machine " + e.getKey(), e.getValue());
            }
            for (final Map.Entry<String, String> e : partPerKind.entrySet()) {
                requireStocked("kind " + e.getKey(), e.getValue());
            }
            return new SpareParts(partPerMachine, partPerKind, stock);
        }

        private void requireStocked(final String user, final String partNumber) {
            if (!stock.containsKey(partNumber)) {
                throw new IllegalArgumentException("spare parts: " + user + " uses part " + partNumber
                        + ", which is not stocked (add it with stock(part, onHand, leadTime), 0 on hand if none)");
            }
        }
    }
}
