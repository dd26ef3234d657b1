package io.twinloop.twin.client;

import java.net.http.HttpHeaders;

/** 404: the addressed resource does not exist, or the caller may not see it (Ditto does not tell the two apart). */
public class NotFoundException extends DittoErrorException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(final DittoError error, final String request, final HttpHeaders headers) {
        super(error, request, headers);
    }
}
