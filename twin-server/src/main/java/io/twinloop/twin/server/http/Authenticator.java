package io.twinloop.twin.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.auth.AuthorizationSubject;
import org.eclipse.ditto.base.model.auth.DittoAuthorizationContextType;

import io.twinloop.twin.server.JwtIssuer;

/**
 * HTTP Basic authentication against the configured users, bearer tokens of the configured OpenID Connect issuers
 * (see {@link JwtIssuer}), and (only if enabled) Ditto's {@code x-ditto-pre-authenticated} header set by a trusted
 * reverse proxy. User NAME acts as subject {@code nginx:NAME}, as in Ditto's official Docker setup where nginx
 * authenticates and forwards that subject, so policies written for one work unchanged on the other.
 */
public final class Authenticator {

    public static final String REALM = "TwinLoop";
    public static final String PRE_AUTHENTICATED_HEADER = "x-ditto-pre-authenticated";
    static final String SUBJECT_ISSUER = "nginx:";

    private final Map<String, String> users;
    private final boolean preAuthenticatedHeaderEnabled;
    private final BearerAuthenticator bearer;

    public Authenticator(final Map<String, String> users, final boolean preAuthenticatedHeaderEnabled,
            final List<JwtIssuer> jwtIssuers) {
        this.users = Map.copyOf(users);
        this.preAuthenticatedHeaderEnabled = preAuthenticatedHeaderEnabled;
        this.bearer = new BearerAuthenticator(jwtIssuers);
    }

    /**
     * @return the authenticated subject, e.g. {@code nginx:alice}
     * @throws TwinServerException 401 {@code gateway:authentication.failed}
     */
    public String authenticate(final Optional<String> authorization, final Optional<String> preAuthenticated) {
        if (preAuthenticatedHeaderEnabled && preAuthenticated.isPresent()) {
            return preAuthenticatedSubject(preAuthenticated.get().trim());
        }
        // a disabled pre-authenticated header is ignored, not trusted: the request must authenticate itself
        final Optional<String> token = authorization.filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim());
        if (token.isPresent() && bearer.isEnabled()) {
            return bearer.authenticate(token.get());
        }
        final String credentials = authorization
                .filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6))
                .map(value -> value.substring(6).trim())
                .orElseThrow(() -> TwinServerException.authenticationFailed(
                        "No applicable authentication provider was found!"));
        final String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException e) {
            throw TwinServerException.authenticationFailed("The basic credentials are not valid Base64.");
        }
        final int colon = decoded.indexOf(':');
        final String name = colon < 0 ? decoded : decoded.substring(0, colon);
        final String password = colon < 0 ? "" : decoded.substring(colon + 1);
        final String expected = users.get(name);
        // compare even for unknown users, so timing does not reveal which names exist
        final boolean matches = MessageDigest.isEqual(
                (expected == null ? "\0" : expected).getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
        if (expected == null || !matches) {
            throw TwinServerException.authenticationFailed("The user name or password is wrong.");
        }
        return SUBJECT_ISSUER + name;
    }

    /** The authorization context of an authenticated subject, as Ditto's gateway hands it to enforcement. */
    public static AuthorizationContext contextOf(final String subject) {
        return AuthorizationContext.newInstance(DittoAuthorizationContextType.PRE_AUTHENTICATED_HTTP,
                AuthorizationSubject.newInstance(subject));
    }

    private static String preAuthenticatedSubject(final String subject) {
        final int colon = subject.indexOf(':');
        if (colon <= 0 || colon == subject.length() - 1) {
            throw TwinServerException.authenticationFailed(
                    "The pre-authenticated subject '" + subject + "' is not of the form '<issuer>:<subject>'.");
        }
        return subject;
    }
}
