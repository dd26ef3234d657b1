package io.twinloop.twin.server.http;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import io.twinloop.twin.server.JwtIssuer;

/**
 * Validates {@code Authorization: Bearer} tokens as Ditto's gateway does for its OpenID Connect issuers: the
 * token's {@code iss} must be a configured issuer, its signature one of that issuer's keys (RS256/384/512,
 * ES256/384/512, PS256), and it must be valid now ({@code exp}, {@code nbf}); the subject is
 * {@code <prefix>:<sub>}. Failures are Ditto's 401s: {@code gateway:jwt.issuer.notsupported} and
 * {@code gateway:jwt.invalid}.
 */
final class BearerAuthenticator {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.PS256);

    private final Map<String, Issuer> issuers;

    private record Issuer(String subjectPrefix, DefaultJWTProcessor<SecurityContext> processor) {}

    BearerAuthenticator(final List<JwtIssuer> configured) {
        this.issuers = configured.stream().collect(Collectors.toUnmodifiableMap(JwtIssuer::issuer,
                issuer -> new Issuer(issuer.subjectPrefix(), processor(issuer)), (a, b) -> a));
    }

    private static DefaultJWTProcessor<SecurityContext> processor(final JwtIssuer issuer) {
        final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(issuer.keys())));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer.issuer()).build(), Set.of("sub", "exp")));
        return processor;
    }

    boolean isEnabled() {
        return !issuers.isEmpty();
    }

    /** @return the subject, e.g. {@code keycloak:alice} */
    String authenticate(final String token) {
        final SignedJWT jwt;
        final String issuer;
        try {
            jwt = SignedJWT.parse(token);
            issuer = Optional.ofNullable(jwt.getJWTClaimsSet().getIssuer()).orElse("");
        } catch (final ParseException e) {
            throw TwinServerException.jwtInvalid("The JWT could not be parsed: " + e.getMessage());
        }
        final Issuer known = issuers.get(issuer);
        if (known == null) {
            throw TwinServerException.jwtIssuerNotSupported(issuer);
        }
        try {
            final JWTClaimsSet claims = known.processor().process(jwt, null);
            return known.subjectPrefix() + ":" + claims.getSubject();
        } catch (final BadJOSEException | JOSEException e) {
            throw TwinServerException.jwtInvalid(e.getMessage());
        }
    }

    /** For log lines: which issuers are accepted. */
    String describe() {
        return issuers.entrySet().stream().map(e -> e.getValue().subjectPrefix() + "=" + e.getKey())
                .collect(Collectors.joining(", "));
    }
}
