package io.twinloop.twin.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.DittoHeadersBuilder;
import org.eclipse.ditto.json.JsonCollectors;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.CommandsTopicPathBuilder;
import org.eclipse.ditto.protocol.PayloadBuilder;
import org.eclipse.ditto.protocol.ProtocolFactory;

/**
 * One Ditto Protocol twin command as {@link TwinCommands} sends it: the action, the resource as a {@link TwinPath},
 * the value and the {@link RequestOptions}, rendered into an envelope by Ditto's {@link ProtocolFactory} (topic
 * {@code <ns>/<name>/things/twin/commands/<action>}, {@code path}, {@code value}, {@code fields}, {@code headers}).
 * Which Ditto command class it is (ModifyFeatureProperty, MergeThing, ...) follows from action and path on the
 * receiving side, as for every Ditto Protocol client.
 */
final class TwinCommand {

    /** Ditto Protocol command actions and the HTTP method each corresponds to. */
    enum Action {
        /** Creates a thing; fails with 409 if it exists (HTTP has no equivalent but PUT with If-None-Match: *). */
        CREATE,
        /** PUT: creates or replaces the resource. */
        MODIFY,
        /** PATCH with a JSON merge patch. */
        MERGE,
        /** GET. */
        RETRIEVE,
        /** DELETE. */
        DELETE;

        private final String protocolName = name().toLowerCase(Locale.ROOT);
    }

    private static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    private static final String REQUESTED_ACKS = "requested-acks";

    private final Action action;
    private final TwinPath path;
    private final JsonValue value;
    private final RequestOptions options;

    private TwinCommand(final Action action, final TwinPath path, final JsonValue value,
            final RequestOptions options) {
        this.action = action;
        this.path = Objects.requireNonNull(path, "path");
        this.value = value;
        this.options = Objects.requireNonNull(options, "options (use RequestOptions.none())");
    }

    static TwinCommand withoutValue(final Action action, final TwinPath path, final RequestOptions options) {
        return new TwinCommand(action, path, null, options);
    }

    static TwinCommand withValue(final Action action, final TwinPath path, final JsonValue value,
            final RequestOptions options) {
        return new TwinCommand(action, path, Objects.requireNonNull(value, "value"), options);
    }

    /** The caller's own correlation id, if it set one through {@link RequestOptions#correlationId(String)}. */
    Optional<String> correlationId() {
        return Optional.ofNullable(options.headers().get("correlation-id"));
    }

    /**
     * Whether Ditto answers at all: not with {@code response-required: false}, nor with {@code timeout: 0}
     * (HTTP answers 202 in both cases, the Ditto Protocol stays silent).
     */
    boolean expectsResponse() {
        return options.responseRequired().orElse(true) && !options.timeout().map(Duration::isZero).orElse(false);
    }

    /** How long the client waits for the response: Ditto's own timeout plus a margin for its timeout answer. */
    Duration responseTimeout(final Duration byDefault) {
        return DittoClient.answerTimeout(options, byDefault);
    }

    /** The envelope as JSON text. Invalid header values (e.g. a malformed If-Match) are refused here. */
    String envelope(final String correlationId) {
        final CommandsTopicPathBuilder topic = ProtocolFactory.newTopicPathBuilder(path.thingId()).things().twin()
                .commands();
        switch (action) {
            case CREATE -> topic.create();
            case MODIFY -> topic.modify();
            case MERGE -> topic.merge();
            case RETRIEVE -> topic.retrieve();
            case DELETE -> topic.delete();
            default -> throw new IllegalStateException(action.name());
        }
        final PayloadBuilder payload = ProtocolFactory.newPayloadBuilder(path.pointer());
        if (value != null) {
            payload.withValue(value);
        }
        options.fields().ifPresent(payload::withFields);
        final Adaptable adaptable = ProtocolFactory.newAdaptableBuilder(topic.build())
                .withPayload(payload.build())
                .withHeaders(headers(correlationId))
                .build();
        return ProtocolFactory.wrapAsJsonifiableAdaptable(adaptable).toJsonString();
    }

    private DittoHeaders headers(final String correlationId) {
        final DittoHeadersBuilder<?, ?> headers = DittoHeaders.newBuilder();
        try {
            final Map<String, String> values = new LinkedHashMap<>(options.dittoHeaders());
            // HTTP sends a comma-separated list, the Ditto Protocol a JSON array
            options.requestedAcks().ifPresent(labels -> values.put(REQUESTED_ACKS, labels.stream().map(JsonValue::of)
                    .collect(JsonCollectors.valuesToArray()).toString()));
            headers.putHeaders(values);
        } catch (final RuntimeException invalid) {
            throw new IllegalArgumentException("Invalid Ditto header for " + this + ": " + invalid.getMessage(),
                    invalid);
        }
        options.condition().ifPresent(rql -> headers.putHeader("condition", rql));
        if (action == Action.MERGE) {
            headers.contentType(MERGE_PATCH_JSON); // Ditto refuses a merge command without it
        }
        return headers.correlationId(correlationId).build();
    }

    /** E.g. {@code modify org.acme:press-1/features/lamp/properties/on}, for logs and exception messages. */
    @Override
    public String toString() {
        return action.protocolName + " " + path.thingId() + (path.pointer().isEmpty() ? "" : path.pointer().toString());
    }
}
