package io.twinloop.connectors.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonValue;

/**
 * What became of one desired value, as written into the twin at
 * {@code features/<reportFeature>/properties/<feature>/<property>} (shape and rules in the module README):
 *
 * <pre>
 * {"status": "applied",  "value": 110.0, "desiredRevision": 17, "at": "2025-01-01T10:00:00.120Z",
 *  "node": "nsu=urn:twinloop:plant;s=cnc-1/Speed"}
 * {"status": "rejected", "value": 500,   "desiredRevision": 18, "at": "...", "node": "...",
 *  "rejectedBy": "device", "opcUaStatus": "Bad_OutOfRange", "reason": "The value was out of range."}
 * {"status": "notCompleted", "value": 30, "desiredRevision": 19, "at": "...", "device": "twinloop/meter-01",
 *  "command": "interval", "reason": "no response from the device within PT10S; it may or may not have applied it"}
 * </pre>
 *
 * @param destination where the value went, as the {@link DeviceTarget} names it ({@code node}, or {@code device} and
 *         {@code command})
 * @param deviceStatus the device's status fields ({@code opcUaStatus}, {@code honoStatus}), empty if none
 */
public record ReconciliationReport(Status status, JsonValue value, long desiredRevision, Instant at,
        JsonObject destination, Optional<String> rejectedBy, JsonObject deviceStatus, Optional<String> reason) {

    /** Every optional field some report may have: a merge patch clears those this report does not have. */
    private static final List<String> OPTIONAL_FIELDS = List.of("rejectedBy", "opcUaStatus", "honoStatus", "reason");

    public enum Status {
        APPLIED("applied"), REJECTED("rejected"), NOT_COMPLETED("notCompleted");

        private final String json;

        Status(final String json) {
            this.json = json;
        }

        String json() {
            return json;
        }

        static Status ofJson(final String json) {
            for (final Status status : values()) {
                if (status.json.equals(json)) {
                    return status;
                }
            }
            return REJECTED;
        }
    }

    public ReconciliationReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(rejectedBy, "rejectedBy");
        Objects.requireNonNull(deviceStatus, "deviceStatus");
        Objects.requireNonNull(reason, "reason");
    }

    /** The report for a write's outcome. */
    static ReconciliationReport of(final DesiredValue desired, final WriteOutcome outcome, final Instant at) {
        final JsonObject destination = desired.target().destination(desired.mapping());
        return switch (outcome.kind()) {
            case APPLIED -> new ReconciliationReport(Status.APPLIED, desired.value(), desired.revision(), at,
                    destination, Optional.empty(), JsonObject.empty(), Optional.empty());
            case REFUSED_BY_CONNECTOR -> refusedByConnector(desired, at, outcome.reason().orElse(""));
            case REFUSED_BY_DEVICE -> new ReconciliationReport(Status.REJECTED, desired.value(), desired.revision(),
                    at, destination, Optional.of("device"), outcome.deviceStatus(), outcome.reason());
            case NOT_COMPLETED -> new ReconciliationReport(Status.NOT_COMPLETED, desired.value(),
                    desired.revision(), at, destination, Optional.empty(), outcome.deviceStatus(), outcome.reason());
        };
    }

    /** Refused by the connector before writing: the value breaks what the AAS declares. */
    static ReconciliationReport refusedByConnector(final DesiredValue desired, final Instant at, final String reason) {
        return new ReconciliationReport(Status.REJECTED, desired.value(), desired.revision(), at,
                desired.target().destination(desired.mapping()), Optional.of("connector"), JsonObject.empty(),
                Optional.of(reason));
    }

    public JsonObject toJson() {
        final JsonObjectBuilder json = JsonObject.newBuilder()
                .set("status", status.json())
                .set("value", value)
                .set("desiredRevision", desiredRevision)
                .set("at", at.toString())
                .setAll(destination);
        rejectedBy.ifPresent(v -> json.set("rejectedBy", v));
        json.setAll(deviceStatus);
        reason.ifPresent(v -> json.set("reason", v));
        return json.build();
    }

    /**
     * The report as a merge patch that replaces the previous one at its place: fields this report does not have are
     * {@code null}, which a merge patch deletes, so an applied report does not keep an earlier rejection's reason.
     */
    public JsonObject toMergePatch() {
        final JsonObject json = toJson();
        final JsonObjectBuilder patch = json.toBuilder();
        for (final String optional : OPTIONAL_FIELDS) {
            if (!json.contains(optional)) {
                patch.set(optional, JsonValue.nullLiteral());
            }
        }
        return patch.build();
    }

    /** The report's {@code status}, {@code value} and {@code desiredRevision}, if {@code json} is a report. */
    static Optional<ReconciliationReport> valueAndRevisionOf(final JsonValue json) {
        if (!json.isObject()) {
            return Optional.empty();
        }
        final JsonObject object = json.asObject();
        final Optional<JsonValue> value = object.getValue("value");
        final Optional<JsonValue> revision = object.getValue("desiredRevision").filter(JsonValue::isNumber);
        final Optional<Status> status = object.getValue("status").filter(JsonValue::isString)
                .map(s -> Status.ofJson(s.asString()));
        if (value.isEmpty() || revision.isEmpty() || status.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReconciliationReport(status.get(), value.get(), revision.get().asLong(),
                Instant.EPOCH, JsonObject.empty(), Optional.empty(), JsonObject.empty(), Optional.empty()));
    }
}
