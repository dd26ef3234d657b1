package io.twinloop.twin.server.http;

import java.util.Optional;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.exceptions.DittoJsonException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonValue;

/**
 * A parsed request to the things API.
 *
 * @param method HTTP method, upper case
 * @param resource the addressed part of a thing
 * @param headers Ditto headers from HTTP headers and query parameters (validated by Ditto's model)
 * @param fields the {@code fields} query parameter, if given
 * @param body the request body (empty string for none)
 * @param parsedBody the body as JSON when the caller has it already (a Ditto Protocol command's value), so that it
 * is not written out and read back
 * @param mediaType the request's media type without parameters, if it had a body
 * @param path the request path, used as Location of created resources
 * @param thingCreation the request is a Ditto Protocol {@code create} ({@code CreateThing}): the desired-write guard
 * judges it as a creation even if the thing exists (Ditto does, and then answers 409)
 * @param subject the authenticated subject, whose grants the request is enforced with and who is named as the
 * events' originator: kept as an object, beside the headers, because Ditto's headers hold it as JSON text and parse
 * it again on every look-up (a WebSocket command's headers do not carry it at all)
 */
public record ApiRequest(String method, Resource resource, DittoHeaders headers, Optional<String> fields,
        String body, Optional<JsonValue> parsedBody, Optional<String> mediaType, String path,
        boolean thingCreation, AuthorizationContext subject) {

    /** An HTTP request (never a {@code CreateThing}: HTTP has no create verb, PUT creates what is missing). */
    public ApiRequest(final String method, final Resource resource, final DittoHeaders headers,
            final Optional<String> fields, final String body, final Optional<String> mediaType, final String path) {
        this(method, resource, headers, fields, body, Optional.empty(), mediaType, path, false,
                headers.getAuthorizationContext());
    }

    /** The body as JSON; a body that is no JSON is Ditto's 400. */
    public JsonValue json() {
        return parsedBody.orElseGet(() -> DittoJsonException.wrapJsonRuntimeException(() -> JsonFactory.readFrom(body)));
    }
}
