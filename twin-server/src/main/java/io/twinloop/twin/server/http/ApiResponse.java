package io.twinloop.twin.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.entitytag.EntityTag;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonValue;

/**
 * What the things API answers, independent of Pekko.
 *
 * @param status HTTP status
 * @param body JSON body, empty for none (or given as {@code rawBody})
 * @param eTag entity tag of the addressed resource, if Ditto sends one
 * @param location for 201 Created: the created resource's path
 * @param rawBody the body as UTF-8 JSON bytes, when it was cut from stored bytes rather than built as JSON values
 */
public record ApiResponse(int status, Optional<JsonValue> body, Optional<EntityTag> eTag, Optional<String> location,
        Optional<byte[]> rawBody) {

    public ApiResponse(final int status, final Optional<JsonValue> body, final Optional<EntityTag> eTag,
            final Optional<String> location) {
        this(status, body, eTag, location, Optional.empty());
    }

    /** A 200 whose body is JSON bytes as they are (see {@link #rawBody}). */
    public static ApiResponse okRaw(final byte[] json, final Optional<EntityTag> eTag) {
        return new ApiResponse(200, Optional.empty(), eTag, Optional.empty(), Optional.of(json));
    }

    /** The body as JSON, whichever way it was given. */
    public Optional<JsonValue> json() {
        return body.isPresent() ? body
                : rawBody.map(bytes -> JsonFactory.readFrom(new String(bytes, StandardCharsets.UTF_8)));
    }

    /** The body as UTF-8 bytes, whichever way it was given. */
    public Optional<byte[]> bytes() {
        return rawBody.isPresent() ? rawBody
                : body.map(value -> value.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static ApiResponse ok(final JsonValue body, final Optional<EntityTag> eTag) {
        return new ApiResponse(200, Optional.of(body), eTag, Optional.empty());
    }

    public static ApiResponse created(final JsonValue body, final Optional<EntityTag> eTag, final String location) {
        return new ApiResponse(201, Optional.of(body), eTag, Optional.of(location));
    }

    public static ApiResponse noContent(final Optional<EntityTag> eTag) {
        return new ApiResponse(204, Optional.empty(), eTag, Optional.empty());
    }

    public static ApiResponse accepted() {
        return new ApiResponse(202, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Ditto's error JSON; a 304 carries no body (HTTP forbids one) but keeps the entity tag. */
    public static ApiResponse error(final DittoRuntimeException e) {
        final int status = e.getHttpStatus().getCode();
        final Optional<EntityTag> eTag = e.getDittoHeaders().getETag();
        return new ApiResponse(status, status == 304 ? Optional.empty() : Optional.of(e.toJson()), eTag,
                Optional.empty());
    }
}
