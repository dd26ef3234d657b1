package io.twinloop.connectors.hono.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.security.SecureRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The same provisioning against a real Hono device registry, when {@code HONO_REGISTRY_URL} is set (e.g.
 * {@code http://localhost:28080}; {@code HONO_REGISTRY_USER} and {@code HONO_REGISTRY_PASSWORD} for basic auth).
 * Works in a tenant of its own ({@code twinloop-it-<random>}), removed at the end. Skipped with a message otherwise.
 */
class RealHonoRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private HonoRegistryConfig config;
    private String tenant;

    @BeforeEach
    void requireRegistry() {
        final String url = System.getenv("HONO_REGISTRY_URL");
        assumeTrue(url != null && !url.isBlank(), "HONO_REGISTRY_URL is not set: no real Hono device registry to "
                + "provision against (the stand-in tests cover the API)");
        final HonoRegistryConfig.Builder builder = HonoRegistryConfig.builder(URI.create(url));
        Optional.ofNullable(System.getenv("HONO_REGISTRY_USER")).filter(u -> !u.isBlank()).ifPresent(user ->
                builder.basicAuth(user, Optional.ofNullable(System.getenv("HONO_REGISTRY_PASSWORD")).orElse("")));
        config = builder.build();
        final byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        tenant = "twinloop-it-" + HexFormat.of().formatHex(random);
    }

    @AfterEach
    void removeTenant() throws Exception {
        if (tenant != null && config != null) {
            send("DELETE", "/devices/" + tenant);
            send("DELETE", "/tenants/" + tenant);
        }
    }

    @Test
    void provisionsIdempotentlyAndRotates() throws Exception {
        final DeviceDeclarations devices = DeviceDeclarations.fromPackages(List.of(HonoShells.environment()
                .device("Press01", tenant, "press-01", null)
                .device("Cnc01", tenant, "demo:CNC01", "cnc-01")
                .read(tmp.resolve("plant.aas.json"))));
        final HonoProvisioner provisioner = HonoProvisioner.of(config);

        final ProvisioningPlan firstPlan = provisioner.plan(devices, false);
        final ProvisioningReport first = provisioner.apply(firstPlan, SecretsFile.createNew(tmp.resolve("first.json")));
        assertThat(first.failed()).as(first.devices().toString()).isFalse();
        assertThat(first.secretsWritten()).isEqualTo(2);
        assertThat(first.tenants().get(0).change()).isEqualTo(Change.CREATED);

        final ProvisioningPlan secondPlan = provisioner.plan(devices, false);
        assertThat(secondPlan.changesNothing()).as("a second run against %s changes nothing", config.baseUri())
                .isTrue();

        final ProvisioningReport rotated = provisioner.apply(provisioner.plan(devices, true),
                SecretsFile.createNew(tmp.resolve("rotated.json")));
        assertThat(rotated.failed()).as(rotated.devices().toString()).isFalse();
        assertThat(rotated.devices()).allSatisfy(d -> assertThat(d.credentials()).isEqualTo(Change.ROTATED));

        final JsonNode credentials = JSON.readTree(send("GET", "/credentials/" + tenant + "/demo:CNC01").body());
        assertThat(credentials).anySatisfy(c -> {
            assertThat(c.path("type").asText()).isEqualTo("hashed-password");
            assertThat(c.path("auth-id").asText()).isEqualTo("cnc-01");
            assertThat(c.path("secrets")).hasSize(1);
        });
        final JsonNode registration = JSON.readTree(send("GET", "/devices/" + tenant + "/press-01").body());
        assertThat(registration.path("ext").path(DeviceRegistration.EXT_SHELL_ID).asText())
                .isEqualTo("urn:twinloop:test:Press01");
    }

    private HttpResponse<String> send(final String method, final String path) throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.apiRoot() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        config.user().ifPresent(user -> request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + config.password()).getBytes(StandardCharsets.UTF_8))));
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
