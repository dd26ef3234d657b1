package io.twinloop.twin.client;

import java.net.http.HttpHeaders;

/** 409: the request conflicts with the current state (e.g. a thing id that already exists on POST). */
public class ConflictException extends DittoErrorException {

    private static final long serialVersionUID = 1L;

    public ConflictException(final DittoError error, final String request, final HttpHeaders headers) {
        super(error, request, headers);
    }
}
