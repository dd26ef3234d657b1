package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** {@code Authorization: Bearer} with tokens of a configured OpenID Connect issuer, as Ditto's gateway takes them. */
class BearerAuthenticationTest extends ServerTestSupport {

    private static final String ISSUER = "https://login.example/realms/factory";
    private static final RSAKey KEY = generate("factory-1");
    private static final RSAKey STRANGER = generate("factory-1");

    private static RSAKey generate(final String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (final JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    TwinServerConfig config() {
        return super.config().withJwtIssuer(new JwtIssuer(ISSUER, "factory", new JWKSet(KEY)));
    }

    private static String token(final RSAKey signer, final String issuer, final String subject,
            final Instant expires) throws JOSEException {
        final SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(issuer).subject(subject).expirationTime(Date.from(expires))
                        .build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    private HttpResponse<String> putWithBearer(final String token) throws Exception {
        return send(withBearer("/things/" + THING, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    private HttpRequest.Builder withBearer(final String apiPath, final String token) {
        return HttpRequest.newBuilder(URI.create(server.httpUri() + "/api/2" + apiPath))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
    }

    @Test
    void aValidTokenAuthenticatesItsSubjectWithTheIssuersPrefix() throws Exception {
        final String token = token(KEY, ISSUER, "planner-7", Instant.now().plusSeconds(300));
        assertThat(putWithBearer(token).statusCode()).isEqualTo(201);
        // the default policy names the token's subject: the basic-auth user is someone else
        final var policy = send(withBearer("/policies/" + THING, token).GET().build());
        assertThat(json(policy).getValue("entries/DEFAULT/subjects/factory:planner-7")).isPresent();
        assertThat(get(THING).statusCode()).isEqualTo(404);
    }

    @Test
    void expiredForgedOrForeignTokensAreRefusedLikeDitto() throws Exception {
        final var expired = putWithBearer(token(KEY, ISSUER, "planner-7", Instant.now().minusSeconds(600)));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(error(expired)).isEqualTo("gateway:jwt.invalid");

        final var forged = putWithBearer(token(STRANGER, ISSUER, "planner-7", Instant.now().plusSeconds(300)));
        assertThat(error(forged)).isEqualTo("gateway:jwt.invalid");

        final var foreign = putWithBearer(token(KEY, "https://elsewhere.example", "planner-7",
                Instant.now().plusSeconds(300)));
        assertThat(error(foreign)).isEqualTo("gateway:jwt.issuer.notsupported");
        assertThat(json(foreign).getValue("message")).contains(JsonValue.of(
                "The JWT issuer 'https://elsewhere.example' is not supported."));

        assertThat(error(putWithBearer("not-a-jwt"))).isEqualTo("gateway:jwt.invalid");
        assertThat(get(THING).statusCode()).isEqualTo(404);
    }
}
