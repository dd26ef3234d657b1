package io.twinloop.connectors.reconciliation;

import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.json.JsonObject;

/**
 * What a {@link DeviceTarget} made of one write.
 *
 * @param kind applied, refused (by the connector or the device), or not completed (no answer: the device may or may
 *         not have applied it)
 * @param deviceStatus the device's or protocol's status, as report fields: {@code {"opcUaStatus": "Bad_OutOfRange"}}
 *         or {@code {"honoStatus": 400}}; empty when there was none
 * @param reason why, in words; empty for {@link Kind#APPLIED}
 */
public record WriteOutcome(Kind kind, JsonObject deviceStatus, Optional<String> reason) {

    public enum Kind {
        APPLIED, REFUSED_BY_CONNECTOR, REFUSED_BY_DEVICE, NOT_COMPLETED
    }

    public WriteOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(deviceStatus, "deviceStatus");
        Objects.requireNonNull(reason, "reason");
    }

    public static WriteOutcome applied() {
        return new WriteOutcome(Kind.APPLIED, JsonObject.empty(), Optional.empty());
    }

    /** The connector did not write: the protocol cannot carry the value, or the destination is unknown. */
    public static WriteOutcome refusedByConnector(final String reason) {
        return new WriteOutcome(Kind.REFUSED_BY_CONNECTOR, JsonObject.empty(), Optional.of(reason));
    }

    public static WriteOutcome refusedByDevice(final JsonObject deviceStatus, final String reason) {
        return new WriteOutcome(Kind.REFUSED_BY_DEVICE, deviceStatus, Optional.of(reason));
    }

    public static WriteOutcome notCompleted(final String reason) {
        return new WriteOutcome(Kind.NOT_COMPLETED, JsonObject.empty(), Optional.of(reason));
    }
}
