package io.twinloop.twin.client;

import java.net.http.HttpHeaders;

/** 412: an If-Match / If-None-Match precondition did not hold (stale revision, resource exists or is missing). */
public class PreconditionFailedException extends DittoErrorException {

    private static final long serialVersionUID = 1L;

    public PreconditionFailedException(final DittoError error, final String request, final HttpHeaders headers) {
        super(error, request, headers);
    }
}
