package io.twinloop.twin.server;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Objects;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * An OpenID Connect issuer whose JSON Web Tokens the server accepts as {@code Authorization: Bearer} credentials,
 * as Ditto's gateway does ({@code ditto.gateway.authentication.oauth.openid-connect-issuers}): a token signed by one
 * of the issuer's keys, with this {@code iss}, not expired, authenticates subject {@code <subjectPrefix>:<sub>}.
 * The keys are given as a JWKS document (what the issuer publishes at its {@code jwks_uri}), read from a file:
 * the embedded server fetches nothing from the network.
 *
 * @param issuer the tokens' {@code iss} claim, e.g. {@code https://keycloak.example/realms/factory}
 * @param subjectPrefix the subject's issuer part, e.g. {@code keycloak} for {@code keycloak:<sub>}
 * @param keys the issuer's public keys
 */
public record JwtIssuer(String issuer, String subjectPrefix, JWKSet keys) {

    public JwtIssuer {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subjectPrefix, "subjectPrefix");
        Objects.requireNonNull(keys, "keys");
        if (subjectPrefix.isEmpty() || subjectPrefix.indexOf(':') >= 0) {
            throw new IllegalArgumentException("subject prefix must be non-empty and contain no ':': "
                    + subjectPrefix);
        }
        if (keys.getKeys().isEmpty()) {
            throw new IllegalArgumentException("the JWKS of issuer " + issuer + " has no keys");
        }
        keys = keys.toPublicJWKSet();
    }

    /**
     * @throws IllegalArgumentException naming the file if it is not a JWKS document
     */
    public static JwtIssuer fromJwksFile(final String issuer, final String subjectPrefix, final Path jwks) {
        try {
            return new JwtIssuer(issuer, subjectPrefix, JWKSet.load(jwks.toFile()));
        } catch (final IOException | ParseException e) {
            throw new IllegalArgumentException(jwks + ": not a readable JWKS document: " + e.getMessage(), e);
        }
    }
}
