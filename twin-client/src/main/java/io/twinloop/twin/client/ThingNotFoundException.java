package io.twinloop.twin.client;

import java.net.http.HttpHeaders;

/**
 * 404 in the things domain: the thing, or a part of it (attribute, feature, property...), is missing or not visible
 * to the caller. Recognised by Ditto's codes {@code things:*.notfound} / {@code things:*.notaccessible}.
 */
public class ThingNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    public ThingNotFoundException(final DittoError error, final String request, final HttpHeaders headers) {
        super(error, request, headers);
    }

    static boolean matches(final DittoError error) {
        return error.errorCode()
                .filter(code -> code.startsWith("things:"))
                .filter(code -> code.endsWith("notfound") || code.endsWith("notaccessible"))
                .isPresent();
    }
}
