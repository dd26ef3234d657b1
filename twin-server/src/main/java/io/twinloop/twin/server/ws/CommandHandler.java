package io.twinloop.twin.server.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.base.model.signals.Signal;
import org.eclipse.ditto.base.model.signals.WithOptionalEntity;
import org.eclipse.ditto.base.model.signals.commands.Command;
import org.eclipse.ditto.base.model.signals.commands.WithSelectedFields;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.JsonifiableAdaptable;
import org.eclipse.ditto.protocol.Payload;
import org.eclipse.ditto.protocol.PayloadBuilder;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.TopicPath;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.ThingCommand;
import org.eclipse.ditto.things.model.signals.commands.ThingErrorResponse;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingConflictException;
import org.eclipse.ditto.things.model.signals.commands.modify.MergeThing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.twin.server.http.ProtocolAdapter;
import io.twinloop.twin.server.http.ApiRequest;
import io.twinloop.twin.server.http.ApiResponse;
import io.twinloop.twin.server.http.Resource;
import io.twinloop.twin.server.http.ThingsApi;
import io.twinloop.twin.server.http.TwinServerException;

/**
 * Ditto Protocol commands on the twin channel over {@code /ws/2}: the envelope is parsed with Ditto's
 * {@link ProtocolFactory} and {@link DittoProtocolAdapter} into a {@link ThingCommand}, translated into the request
 * the HTTP API would get for it (method, resource, body, headers) and executed by the same {@link ThingsApi}; the
 * answer is turned into Ditto's command response (or {@link ThingErrorResponse}) and back into an envelope by
 * Ditto's adapter.
 */
final class CommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final ThingsApi api;

    CommandHandler(final ThingsApi api) {
        this.api = api;
    }

    /**
     * Executes one envelope and hands its response envelope (JSON) to {@code respond}, possibly later and on
     * another thread; nothing when the command said {@code response-required: false} (or {@code timeout: 0}).
     *
     * @param parsed the text parsed as a JSON object if the caller did already, else null
     * @param subject the session's authenticated subject, whose grants the command is enforced with
     */
    void handle(final String text, final JsonObject parsed, final AuthorizationContext subject,
            final Consumer<String> respond) {
        Optional<ThingId> thingId = Optional.empty();
        JsonObject json = parsed;
        final String correlationId;
        final ThingCommand<?> command;
        final TopicPath topic;
        final JsonPointer payloadPath;
        final Optional<String> payloadFields;
        final boolean readAsWrite;
        try {
            if (json == null) {
                json = JsonFactory.readFrom(text).asObject();
            }
            final Optional<WriteEnvelope> write = WriteEnvelope.read(json);
            if (write.isPresent()) {
                command = write.get().command();
                topic = write.get().topic();
                payloadPath = write.get().path();
                payloadFields = Optional.empty();
                readAsWrite = true;
            } else {
                final Adaptable adaptable = ProtocolFactory.jsonifiableAdaptableFromJson(json);
                thingId = thingIdOf(adaptable.getTopicPath());
                command = toThingCommand(adaptable);
                topic = adaptable.getTopicPath();
                payloadPath = adaptable.getPayload().getPath();
                payloadFields = adaptable.getPayload().getFields().map(Object::toString);
                readAsWrite = false;
            }
            correlationId = command.getDittoHeaders().getCorrelationId()
                    .orElseGet(() -> UUID.randomUUID().toString());
        } catch (final RuntimeException e) {
            // an envelope that cannot be read still gets the correlation id the client sent, if any
            respond.accept(error(thingId, ThingsApi.toDittoException(e),
                    json == null ? DittoHeaders.empty() : fallbackHeaders(json)));
            return;
        }
        // only the correlation id is echoed (generated if the command had none, as Ditto does)
        final Supplier<DittoHeaders> responseHeaders = () -> DittoHeaders.newBuilder().correlationId(correlationId)
                .build();
        final boolean create = command.getCategory() == Command.Category.CREATE;
        final boolean conflictOnExisting = create && command.getDittoHeaders().getIfNoneMatch().isEmpty();
        CompletionStage<ApiResponse> result;
        try {
            result = api.execute(toRequest(command, payloadFields, command.getDittoHeaders(), readAsWrite,
                    correlationId, conflictOnExisting, subject));
        } catch (final RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((response, failure) -> {
            if (failure != null) {
                DittoRuntimeException e = ThingsApi.toDittoException(failure);
                if (conflictOnExisting && "things:precondition.failed".equals(e.getErrorCode())) {
                    // CreateThing of an existing thing: Ditto's 409, not the precondition we used to express it
                    e = ThingConflictException.newBuilder(command.getEntityId()).build();
                }
                respond.accept(error(Optional.of(command.getEntityId()), e, responseHeaders.get()));
            } else if (response.status() != 202) {
                // 202: response-required=false or timeout=0, which over the Ditto Protocol means no response
                respond.accept(success(command, topic, payloadPath, response, correlationId, responseHeaders));
            }
        });
    }

    /** A modify (201/204), merge or delete (204): the responses whose rendering by the adapter is known exactly. */
    private static boolean isPlainWrite(final ThingCommand<?> command, final ApiResponse response) {
        return switch (command.getCategory()) {
            case MODIFY -> response.status() == 201 || response.status() == 204;
            case DELETE, MERGE -> response.status() == 204;
            default -> false;
        };
    }

    private static ThingCommand<?> toThingCommand(final Adaptable adaptable) {
        final TopicPath topic = adaptable.getTopicPath();
        if (topic.getGroup() != TopicPath.Group.THINGS || topic.getCriterion() != TopicPath.Criterion.COMMANDS) {
            throw TwinServerException.notImplemented("Ditto Protocol messages with topic '" + topic.getPath()
                    + "' over /ws/2 (only twin thing commands)");
        }
        if (topic.getChannel() != TopicPath.Channel.TWIN) {
            throw TwinServerException.notImplemented("The live channel");
        }
        final Signal<?> signal = ProtocolAdapter.get().fromAdaptable(adaptable);
        if (!(signal instanceof ThingCommand<?> command)) {
            throw TwinServerException.notImplemented("The signal '" + signal.getType() + "' over /ws/2");
        }
        return command;
    }

    /** The HTTP request equivalent to the command, as the gateway would map it the other way round. */
    static ApiRequest toRequest(final ThingCommand<?> command, final Optional<String> payloadFields,
            final DittoHeaders headers, final boolean onlyRequestHeaders, final String correlationId,
            final boolean ifNoneMatchAny, final AuthorizationContext subject) {
        final String method = switch (command.getCategory()) {
            case QUERY -> "GET";
            case CREATE, MODIFY -> "PUT";
            case MERGE -> "PATCH";
            case DELETE -> "DELETE";
            default -> throw TwinServerException.notImplemented("The command '" + command.getType() + "'");
        };
        final JsonPointer path = command.getResourcePath();
        final List<String> segments = new ArrayList<>(path.getLevelCount());
        for (final JsonKey key : path) {
            segments.add(key.toString());
        }
        final Resource resource = Resource.parse(command.getEntityId(), segments).orElseThrow(() ->
                TwinServerException.notImplemented("The command '" + command.getType() + "'"));
        final Optional<JsonValue> body = command instanceof MergeThing merge ? Optional.of(merge.getValue())
                : command instanceof WithOptionalEntity<?> withEntity ? withEntity.getEntity(JsonSchemaVersion.V_2)
                : Optional.empty();
        final Optional<String> fields = command instanceof WithSelectedFields selected
                ? selected.getSelectedFields().map(Object::toString).or(() -> payloadFields)
                : Optional.empty();
        // only the request headers HTTP would carry (the subject travels beside them): an envelope cannot claim
        // another subject's authorization; a write read by WriteEnvelope has only those already
        final DittoHeaders requestHeaders;
        if (onlyRequestHeaders && !ifNoneMatchAny && headers.getCorrelationId().isPresent()) {
            requestHeaders = headers;
        } else {
            final var builder = ThingsApi.requestHeaders(headers).correlationId(correlationId);
            if (ifNoneMatchAny) {
                builder.putHeader("if-none-match", "*");
            }
            requestHeaders = builder.build();
        }
        return new ApiRequest(method, resource, requestHeaders, fields, "", body,
                body.map(b -> "PATCH".equals(method) ? MERGE_PATCH : "application/json"),
                "/api/2/things/" + command.getEntityId() + (path.isEmpty() ? "" : path.toString()),
                command.getCategory() == Command.Category.CREATE, subject);
    }

    /**
     * The command response: the response envelope (the command's topic, path, status and value) read by Ditto's
     * adapter into Ditto's {@code CommandResponse} class and rendered back, so only responses Ditto knows are sent.
     */
    static String success(final ThingCommand<?> command, final TopicPath commandTopic,
            final JsonPointer payloadPath, final ApiResponse response, final String correlationId,
            final Supplier<DittoHeaders> responseHeaders) {
        TopicPath topic = commandTopic;
        if (command.getCategory() == Command.Category.MERGE && response.status() == 201) {
            // a root merge of a missing thing is a CreateThing in Ditto (ModifyToCreateThingTransformer)
            topic = ProtocolFactory.newTopicPathBuilder(command.getEntityId()).things().twin().commands().create()
                    .build();
        }
        if (isPlainWrite(command, response)) {
            return WriteResponse.render(topic.getPath(), correlationId, response.eTag(),
                    command.getCategory() == Command.Category.MERGE ? MERGE_PATCH : "application/json", payloadPath,
                    response.status(), response.json());
        }
        final PayloadBuilder payload = ProtocolFactory.newPayloadBuilder(payloadPath)
                .withStatus(HttpStatus.tryGetInstance(response.status()).orElse(HttpStatus.OK));
        response.json().ifPresent(payload::withValue);
        final var headers = responseHeaders.get().toBuilder();
        response.eTag().ifPresent(headers::eTag);
        final Payload built = payload.build();
        final Adaptable responseAdaptable = ProtocolFactory.newAdaptableBuilder(topic).withPayload(built)
                .withHeaders(headers.build()).build();
        Adaptable rendered;
        try {
            final Signal<?> signal = ProtocolAdapter.get().fromAdaptable(responseAdaptable);
            // reading drops headers Ditto does not take from outside (etag): put the response's back
            rendered = ProtocolAdapter.get().toAdaptable((Signal<?>) signal.setDittoHeaders(
                    signal.getDittoHeaders().toBuilder().putHeaders(headers.build()).build()));
        } catch (final RuntimeException e) {
            LOG.warn("Ditto's adapter refused the response to {}: {}", command.getType(), e.toString());
            rendered = responseAdaptable;
        }
        return ProtocolFactory.wrapAsJsonifiableAdaptable(rendered).toJsonString();
    }

    static String error(final Optional<ThingId> thingId, final DittoRuntimeException e, final DittoHeaders headers) {
        final DittoHeaders errorHeaders = withCorrelationId(headers);
        final DittoRuntimeException withHeaders = e.setDittoHeaders(errorHeaders);
        final ThingErrorResponse response = thingId.map(id -> ThingErrorResponse.of(id, withHeaders, errorHeaders))
                .orElseGet(() -> ThingErrorResponse.of(withHeaders, errorHeaders));
        final JsonifiableAdaptable adaptable = ProtocolFactory.wrapAsJsonifiableAdaptable(
                ProtocolAdapter.get().toAdaptable(response));
        return adaptable.toJsonString();
    }

    private static Optional<ThingId> thingIdOf(final TopicPath topic) {
        try {
            return topic.getGroup() == TopicPath.Group.THINGS && !topic.isWildcardTopic()
                    ? Optional.of(ThingId.of(topic.getNamespace(), topic.getEntityName())) : Optional.empty();
        } catch (final RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The envelope's correlation id, for an error before Ditto's adapter could read the headers. */
    private static DittoHeaders fallbackHeaders(final JsonObject envelope) {
        return envelope.getValue("headers/correlation-id").filter(JsonValue::isString).map(JsonValue::asString)
                .map(id -> DittoHeaders.newBuilder().correlationId(id).build()).orElse(DittoHeaders.empty());
    }

    /** Only the correlation id is echoed (generated if the command had none, as Ditto does). */
    private static DittoHeaders withCorrelationId(final DittoHeaders headers) {
        return DittoHeaders.newBuilder()
                .correlationId(headers.getCorrelationId().orElseGet(() -> UUID.randomUUID().toString())).build();
    }
}
