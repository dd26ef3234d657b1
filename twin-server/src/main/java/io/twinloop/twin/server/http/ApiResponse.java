package io.twinloop.twin.server.http;

import java.util.Optional;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.entitytag.EntityTag;
import org.eclipse.ditto.json.JsonValue;

/**
 * What the things API answers, independent of Pekko.
 *
 * @param status HTTP status
 * @param body JSON body, empty for none
 * @param eTag entity tag of the addressed resource, if Ditto sends one
 * @param location for 201 Created: the created resource's path
 */
public record ApiResponse(int status, Optional<JsonValue> body, Optional<EntityTag> eTag, Optional<String> location) {

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
