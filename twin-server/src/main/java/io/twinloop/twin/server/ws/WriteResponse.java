package io.twinloop.twin.server.ws;

import java.util.Optional;

import org.eclipse.ditto.base.model.headers.entitytag.EntityTag;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

/**
 * The response envelope of a modify (201/204), merge or delete (204), written out directly: the same JSON Ditto's
 * protocol adapter renders for these responses (checked against it by {@code WebSocketCommandsTest} and
 * {@code WriteEnvelopeTest}), without building Ditto's adaptable and headers objects for it, which cost about a
 * twentieth of a write's CPU.
 */
final class WriteResponse {

    private WriteResponse() {}

    static String render(final String topic, final String correlationId, final Optional<EntityTag> eTag,
            final String contentType, final JsonPointer path, final int status, final Optional<JsonValue> value) {
        final StringBuilder json = new StringBuilder(256).append("{\"topic\":").append(quoted(topic))
                .append(",\"headers\":{\"correlation-id\":").append(quoted(correlationId));
        eTag.ifPresent(tag -> json.append(",\"etag\":").append(quoted(tag.toString())));
        json.append(",\"response-required\":false,\"content-type\":").append(quoted(contentType))
                .append("},\"path\":").append(quoted(path.toString()));
        value.ifPresent(v -> json.append(",\"value\":").append(v));
        return json.append(",\"status\":").append(status).append('}').toString();
    }

    private static String quoted(final String text) {
        return JsonValue.of(text).toString();
    }
}
