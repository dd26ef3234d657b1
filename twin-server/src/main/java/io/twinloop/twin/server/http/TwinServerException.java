package io.twinloop.twin.server.http;

import java.net.URI;

import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;

/**
 * Errors for which the published Ditto model jars have no class (Ditto's gateway classes are not published at 3.8),
 * in Ditto's error JSON shape. The error codes are Ditto's where Ditto has one.
 */
public final class TwinServerException extends DittoRuntimeException {

    private static final long serialVersionUID = 1L;

    private TwinServerException(final String errorCode, final HttpStatus status, final DittoHeaders headers,
            final String message, final String description, final URI href) {
        super(errorCode, status, headers, message, description, null, href);
    }

    /** Ditto's {@code gateway:authentication.failed}. */
    public static TwinServerException authenticationFailed(final String message) {
        return new TwinServerException("gateway:authentication.failed", HttpStatus.UNAUTHORIZED, DittoHeaders.empty(),
                message, "Check if your credentials were correct.", null);
    }

    /** Ditto's {@code gateway:jwt.invalid}: a bearer token that is malformed, badly signed or expired. */
    public static TwinServerException jwtInvalid(final String reason) {
        return new TwinServerException("gateway:jwt.invalid", HttpStatus.UNAUTHORIZED, DittoHeaders.empty(),
                "The JWT was invalid: " + reason,
                "Check if your JSON Web Token has the correct format, is signed by its issuer and not expired.", null);
    }

    /** Ditto's {@code gateway:jwt.issuer.notsupported}. */
    public static TwinServerException jwtIssuerNotSupported(final String issuer) {
        return new TwinServerException("gateway:jwt.issuer.notsupported", HttpStatus.UNAUTHORIZED,
                DittoHeaders.empty(), "The JWT issuer '" + issuer + "' is not supported.",
                "Check if your JWT is correct.", null);
    }

    /** Ditto's answer to a path outside its API. */
    public static TwinServerException notFound(final String path) {
        return new TwinServerException("gateway:resource.notfound", HttpStatus.NOT_FOUND, DittoHeaders.empty(),
                "The requested resource '" + path + "' was not found.",
                "This embedded twin server implements the things part of Ditto's HTTP API v2.", null);
    }

    public static TwinServerException methodNotAllowed(final String method, final String path) {
        return new TwinServerException("gateway:method.notallowed", HttpStatus.METHOD_NOT_ALLOWED,
                DittoHeaders.empty(), "The method '" + method + "' is not allowed on '" + path + "'.",
                "Use one of GET, PUT, PATCH, DELETE.", null);
    }

    /** A feature of Ditto's API this server does not implement yet: said plainly rather than ignored. */
    public static TwinServerException notImplemented(final String what) {
        return new TwinServerException("twinloop:feature.notimplemented", HttpStatus.NOT_IMPLEMENTED,
                DittoHeaders.empty(), what + " is not implemented by the embedded twin server yet.",
                "Use a real Eclipse Ditto for this, or leave it out.", null);
    }

    /** Ditto's gateway refuses a {@code timeout} above its maximum ({@code GatewayTimeoutInvalidException}). */
    public static TwinServerException timeoutOutOfBounds(final long timeoutMillis, final long maxMillis) {
        return new TwinServerException("gateway:timeout.invalid", HttpStatus.BAD_REQUEST, DittoHeaders.empty(),
                "The timeout <" + timeoutMillis + "ms> is not inside its allowed bounds <0ms - " + maxMillis + "ms>",
                "Choose a timeout inside the bounds.", null);
    }

    @Override
    public DittoRuntimeException setDittoHeaders(final DittoHeaders dittoHeaders) {
        return new TwinServerException(getErrorCode(), getHttpStatus(), dittoHeaders, getMessage(),
                getDescription().orElse(null), getHref().orElse(null));
    }
}
