package io.twinloop.twin.client;

import java.net.http.HttpHeaders;

/** 403: authenticated, but the policy does not grant the requested access. */
public class AccessDeniedException extends DittoErrorException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(final DittoError error, final String request, final HttpHeaders headers) {
        super(error, request, headers);
    }
}
