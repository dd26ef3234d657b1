package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;

/**
 * {@code ditto provision} against a real Ditto: runs only with {@code DITTO_URL} (and {@code DITTO_USER},
 * {@code DITTO_PASSWORD}, {@code DITTO_DEVOPS_PASSWORD}, optional {@code DITTO_DEVOPS_USER}) set. Uses a fresh
 * namespace and connection id prefix, creates the Hono connection closed (no Hono needed) and deletes it again.
 */
class DittoProvisionRealDittoTest {

    @Test
    void provisionsTwiceTheSecondRunChangesNothing() {
        final String url = System.getenv("DITTO_URL");
        assumeTrue(url != null && !url.isBlank(), "DITTO_URL not set: no real Ditto to provision (skipped)");
        final String user = System.getenv().getOrDefault("DITTO_USER", "ditto");
        final String password = System.getenv("DITTO_PASSWORD");
        final String devopsUser = System.getenv().getOrDefault("DITTO_DEVOPS_USER", "devops");
        final String devopsPassword = System.getenv("DITTO_DEVOPS_PASSWORD");
        assumeTrue(password != null && devopsPassword != null,
                "DITTO_PASSWORD and DITTO_DEVOPS_PASSWORD are needed with DITTO_URL (skipped)");
        final String run = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        final String prefix = "twinloop-test-" + run + "-";
        final String[] args = {"ditto", "provision", Path.of("..", "examples", "hono-devices.aas.json").toString(),
                "--namespace", "twinloop.test" + run, "--ditto", url, "--user", user, "--password", password,
                "--devops-user", devopsUser, "--devops-password", devopsPassword, "--connection-id-prefix", prefix,
                "--connection-status", "closed"};
        try {
            final CommandRun first = CommandRun.of(args);
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out()).contains("connection " + prefix + "twinloop created");

            final CommandRun second = CommandRun.of(args);
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).doesNotContain("created").doesNotContain("updated")
                    .contains("connection " + prefix + "twinloop unchanged");
        } finally {
            try (DittoClient devops = DittoClient.builder(java.net.URI.create(url))
                    .basicAuth(devopsUser, devopsPassword).build()) {
                devops.request("DELETE", "/api/2/connections/" + prefix + "twinloop", null, RequestOptions.none())
                        .exceptionally(e -> null).join();
            }
        }
    }
}
