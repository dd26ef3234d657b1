package io.twinloop.twin.server.http;

import java.util.Optional;

import org.eclipse.ditto.base.model.headers.DittoHeaders;

/**
 * A parsed request to the things API.
 *
 * @param method HTTP method, upper case
 * @param resource the addressed part of a thing
 * @param headers Ditto headers from HTTP headers and query parameters (validated by Ditto's model)
 * @param fields the {@code fields} query parameter, if given
 * @param body the request body (empty string for none)
 * @param mediaType the request's media type without parameters, if it had a body
 * @param path the request path, used as Location of created resources
 */
public record ApiRequest(String method, Resource resource, DittoHeaders headers, Optional<String> fields,
        String body, Optional<String> mediaType, String path) {}
