package io.twinloop.connectors.interfaces;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One property affordance of an AID interface: the node it names and what the AID declares about its values.
 *
 * @param name the property's idShort in {@code InteractionMetadata/properties}
 * @param href {@code forms/href}: the OPC UA node id, e.g. {@code nsu=urn:twinloop:plant;s=cnc-1/Speed}
 * @param type the WoT data type ({@code number}, {@code integer}, {@code string}, {@code boolean}); empty if the AID
 *         does not say
 * @param bounds {@code min_max}, if declared
 * @param allowedValues {@code enum}, empty if any value is allowed
 * @param readOnly WoT {@code readOnly} (a TwinLoop addition to the template), if declared
 * @param itemType for {@code type} {@code array}: the WoT type of its elements ({@code items/type}), if declared
 * @param samplingInterval {@code forms/twinloop_samplingInterval} (a TwinLoop addition to the template): how often
 *         the node is to be sampled, if the AID says; otherwise the connector's configured interval applies
 */
public record DataPoint(String name, String href, Optional<String> type, Optional<Bounds> bounds,
        List<String> allowedValues, Optional<Boolean> readOnly, Optional<String> itemType,
        Optional<Duration> samplingInterval) {

    /** A data point without a sampling interval of its own. */
    public DataPoint(final String name, final String href, final Optional<String> type, final Optional<Bounds> bounds,
            final List<String> allowedValues, final Optional<Boolean> readOnly, final Optional<String> itemType) {
        this(name, href, type, bounds, allowedValues, readOnly, itemType, Optional.empty());
    }

    public DataPoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(bounds, "bounds");
        allowedValues = List.copyOf(allowedValues);
        Objects.requireNonNull(readOnly, "readOnly");
        Objects.requireNonNull(itemType, "itemType");
        Objects.requireNonNull(samplingInterval, "samplingInterval");
        samplingInterval.filter(interval -> interval.isZero() || interval.isNegative()).ifPresent(interval -> {
            throw new IllegalArgumentException("samplingInterval of " + name + " must be positive, was " + interval);
        });
    }

    /** Whether the AID declares the values arrays ({@code type} {@code array}). */
    public boolean isArray() {
        return type.filter("array"::equals).isPresent();
    }

    /** The declared type as words for messages: {@code number}, {@code array of string}. */
    public String typeDescription() {
        return isArray() ? "array of " + itemType.orElse("any type") : type.orElse("unknown");
    }
}
