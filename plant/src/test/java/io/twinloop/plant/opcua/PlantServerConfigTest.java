package io.twinloop.plant.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinloop.plant.Plant;
import io.twinloop.plant.runtime.PlantRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlantServerConfigTest {

    @TempDir
    Path tmp;

    @Test
    void theDefaultsAreTheEmbeddedDefault() {
        final PlantServerConfig config = PlantServerConfig.builder().build();
        assertThat(config.endpointUrl()).isEqualTo("opc.tcp://localhost:4840/twinloop/plant");
        assertThat(config.securityNone()).isTrue();
        assertThat(config.anonymous()).isFalse();
        assertThat(config.users()).containsOnlyKeys("operator");
        assertThat(config.users().get("operator")).hasSizeGreaterThanOrEqualTo(16);
        assertThat(config.pkiDirectory().isAbsolute()).isFalse();
        assertThat(config.toString()).doesNotContain(config.users().get("operator"));
    }

    @Test
    void badSettingsAreNamedInTheError() {
        assertThatThrownBy(() -> PlantServerConfig.builder().port(0).build())
                .hasMessageContaining("port must be 1..65535, was 0");
        assertThatThrownBy(() -> PlantServerConfig.builder().path("plant").build())
                .hasMessageContaining("path must start with '/'");
        assertThatThrownBy(() -> PlantServerConfig.builder().applicationUri("not a uri").build())
                .hasMessageContaining("applicationUri must be a URI");
        assertThatThrownBy(() -> PlantServerConfig.builder().user("operator", "").build())
                .hasMessageContaining("user 'operator' needs a password");
        assertThatThrownBy(() -> PlantServerConfig.builder().hostname(" ").build())
                .hasMessageContaining("hostname must not be blank");
    }

    @Test
    void theServerKeepsItsCertificateAcrossRestartsAndRefusesAMismatchingApplicationUri() throws Exception {
        final Path pki = tmp.resolve("pki");
        final PlantServerConfig.Builder config = PlantServerConfig.builder()
                .port(ServedPlant.freePort()).pkiDirectory(pki).user("u", "p");
        try (PlantRuntime runtime = PlantRuntime.of(Plant.builder().build())) {
            final PlantOpcUaServer first = PlantOpcUaServer.start(config.build(), runtime).get(30, TimeUnit.SECONDS);
            final var certificate = first.certificate();
            first.stop().get(30, TimeUnit.SECONDS);
            assertThat(pki.resolve("own").resolve("server.pfx")).exists();
            assertThat(Files.isDirectory(pki.resolve("trusted").resolve("certs"))).isTrue();

            final PlantOpcUaServer second = PlantOpcUaServer.start(config.build(), runtime)
                    .get(30, TimeUnit.SECONDS);
            assertThat(second.certificate()).isEqualTo(certificate);
            second.stop().get(30, TimeUnit.SECONDS);

            assertThatThrownBy(() -> PlantOpcUaServer.start(config.applicationUri("urn:somewhere:else").build(),
                    runtime).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("applicationUri 'urn:somewhere:else' differs from the URI in the"
                            + " server certificate (urn:twinloop:plant)")
                    .hasMessageContaining("server.pfx");
        }
    }

    @Test
    void aPortInUseIsReportedAsSuch() throws Exception {
        final int port = ServedPlant.freePort();
        try (PlantRuntime runtime = PlantRuntime.of(Plant.builder().build());
                java.net.ServerSocket taken = new java.net.ServerSocket(port, 1,
                        java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> PlantOpcUaServer.start(PlantServerConfig.builder().port(port)
                    .pkiDirectory(tmp.resolve("pki")).user("u", "p").build(), runtime).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("cannot listen on 127.0.0.1:" + port);
        }
    }
}
