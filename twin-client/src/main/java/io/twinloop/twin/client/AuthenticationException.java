package io.twinloop.twin.client;

import java.net.http.HttpHeaders;

/** 401: missing or wrong credentials (Ditto's gateway or the reverse proxy in front of it refused them). */
public class AuthenticationException extends DittoErrorException {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(final DittoError error, final String request, final HttpHeaders headers) {
        super(error, request, headers);
    }
}
