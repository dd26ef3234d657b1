package io.twinloop.twin.client;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** How the client authenticates: one header per request. {@link #toString()} never shows the secret. */
final class Authentication {

    /** Ditto's header for setups where a trusted reverse proxy has already authenticated the caller. */
    static final String PRE_AUTHENTICATED_HEADER = "x-ditto-pre-authenticated";

    private static final Authentication NONE = new Authentication(null, null, "none");

    private final String headerName;
    private final String headerValue;
    private final String description;

    private Authentication(final String headerName, final String headerValue, final String description) {
        this.headerName = headerName;
        this.headerValue = headerValue;
        this.description = description;
    }

    static Authentication none() {
        return NONE;
    }

    static Authentication basic(final String username, final String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("A basic-auth user name cannot contain ':'");
        }
        final String token = Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Authentication("Authorization", "Basic " + token, "basic(" + username + ")");
    }

    static Authentication bearer(final String token) {
        Objects.requireNonNull(token, "token");
        return new Authentication("Authorization", "Bearer " + token, "bearer");
    }

    /** Subject in Ditto's "issuer:subject" form, e.g. {@code nginx:ditto}. */
    static Authentication preAuthenticated(final String subject) {
        Objects.requireNonNull(subject, "subject");
        if (subject.indexOf(':') < 1) {
            throw new IllegalArgumentException("Pre-authenticated subject must look like 'issuer:subject': " + subject);
        }
        return new Authentication(PRE_AUTHENTICATED_HEADER, subject, "pre-authenticated(" + subject + ")");
    }

    void apply(final java.net.http.WebSocket.Builder webSocket) {
        if (headerName != null) {
            webSocket.header(headerName, headerValue);
        }
    }

    void apply(final HttpRequest.Builder request) {
        if (headerName != null) {
            request.header(headerName, headerValue);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
