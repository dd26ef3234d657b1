package io.twinloop.connectors.reconciliation;

import java.time.Instant;
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
 * </pre>
 */
public record ReconciliationReport(Status status, JsonValue value, long desiredRevision, Instant at, String node,
        Optional<String> rejectedBy, Optional<String> opcUaStatus, Optional<String> reason) {

    public enum Status {
        APPLIED, REJECTED;

        String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ReconciliationReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(rejectedBy, "rejectedBy");
        Objects.requireNonNull(opcUaStatus, "opcUaStatus");
        Objects.requireNonNull(reason, "reason");
    }

    static ReconciliationReport applied(final DesiredValue desired, final Instant at) {
        return new ReconciliationReport(Status.APPLIED, desired.value(), desired.revision(), at,
                desired.mapping().source().href(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Refused by the connector before writing: the value breaks what the AAS declares. */
    static ReconciliationReport refusedByConnector(final DesiredValue desired, final Instant at, final String reason) {
        return new ReconciliationReport(Status.REJECTED, desired.value(), desired.revision(), at,
                desired.mapping().source().href(), Optional.of("connector"), Optional.empty(), Optional.of(reason));
    }

    /** Refused by the device: the OPC UA write's status. */
    static ReconciliationReport refusedByDevice(final DesiredValue desired, final Instant at, final String status,
            final String reason) {
        return new ReconciliationReport(Status.REJECTED, desired.value(), desired.revision(), at,
                desired.mapping().source().href(), Optional.of("device"), Optional.of(status), Optional.of(reason));
    }

    public JsonObject toJson() {
        final JsonObjectBuilder json = JsonObject.newBuilder()
                .set("status", status.json())
                .set("value", value)
                .set("desiredRevision", desiredRevision)
                .set("at", at.toString())
                .set("node", node);
        rejectedBy.ifPresent(v -> json.set("rejectedBy", v));
        opcUaStatus.ifPresent(v -> json.set("opcUaStatus", v));
        reason.ifPresent(v -> json.set("reason", v));
        return json.build();
    }

    /**
     * The report as a merge patch that replaces the previous one at its place: fields this report does not have are
     * {@code null}, which a merge patch deletes, so an applied report does not keep an earlier rejection's reason.
     */
    public JsonObject toMergePatch() {
        final JsonObjectBuilder json = toJson().toBuilder();
        for (final String optional : new String[] {"rejectedBy", "opcUaStatus", "reason"}) {
            if (!json.build().contains(optional)) {
                json.set(optional, JsonValue.nullLiteral());
            }
        }
        return json.build();
    }

    /** The report's {@code value} and {@code desiredRevision}, if {@code json} is a report. */
    static Optional<ReconciliationReport> valueAndRevisionOf(final JsonValue json) {
        if (!json.isObject()) {
            return Optional.empty();
        }
        final JsonObject object = json.asObject();
        final Optional<JsonValue> value = object.getValue("value");
        final Optional<JsonValue> revision = object.getValue("desiredRevision").filter(JsonValue::isNumber);
        final Optional<Status> status = object.getValue("status").filter(JsonValue::isString)
                .map(s -> "applied".equals(s.asString()) ? Status.APPLIED : Status.REJECTED);
        if (value.isEmpty() || revision.isEmpty() || status.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReconciliationReport(status.get(), value.get(), revision.get().asLong(),
                Instant.EPOCH, object.getValue("node").map(JsonValue::formatAsString).orElse(""), Optional.empty(),
                Optional.empty(), Optional.empty()));
    }
}
