package io.twinloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.twinloop.ditto.guard.GuardConfig;
import io.twinloop.ditto.policy.PolicyTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/helm/*-values.yaml (for Ditto's and Hono's official charts) against the code, and against the compose
 * installation, which must configure the same Ditto release and the same guard.
 */
class HelmValuesTest {

    private static final Map<String, String> DITTO_CHART_SERVICES = Map.of(
            "policies", "policies", "things", "things", "thingsSearch", "things-search",
            "connectivity", "connectivity", "gateway", "gateway");

    private final JsonNode ditto = DeployFiles.yaml(DeployFiles.deployDir().resolve("helm/ditto-values.yaml"));
    private final JsonNode hono = DeployFiles.yaml(DeployFiles.deployDir().resolve("helm/hono-values.yaml"));
    private final Map<String, JsonNode> compose = DeployFiles.composeServices();

    @Test
    void everyImageTagGivenIsPinned() {
        for (final JsonNode values : List.of(ditto, hono)) {
            imageTags(values, "").forEach((where, tag) -> assertThat(tag).as(where).isNotBlank()
                    .isNotEqualTo("latest").containsPattern("^v?\\d+\\.\\d+"));
        }
        assertThat(imageTags(ditto, "")).isNotEmpty();
        assertThat(imageTags(hono, "")).containsKey("honoImagesTag");
    }

    @Test
    void dittoIsTheReleaseTheComposeFileRuns() {
        DITTO_CHART_SERVICES.forEach((chartKey, composeService) -> {
            final JsonNode image = ditto.path(chartKey).path("image");
            final String composeImage = compose.get(composeService).path("image").asText();
            assertThat(image.path("tag").asText()).as(chartKey).isEqualTo(DeployFiles.tagOf(composeImage));
            assertThat(image.path("repository").asText()).as(chartKey).isEqualTo(DeployFiles.nameOf(composeImage));
        });
    }

    @Test
    void honoIsTheReleaseTheComposeFileRunsWithKafkaTheRegistryAndTwoAdapters() {
        final String composeTag = DeployFiles.tagOf(compose.get("hono-adapter-mqtt").path("image").asText());
        assertThat(hono.path("honoImagesTag").asText()).isEqualTo(composeTag);
        assertThat(hono.path("messagingNetworkTypes")).extracting(JsonNode::asText).containsExactly("kafka");
        assertThat(hono.path("adapters").path("mqtt").path("enabled").asBoolean()).isTrue();
        assertThat(hono.path("adapters").path("http").path("enabled").asBoolean()).isTrue();
        assertThat(hono.path("deviceRegistryExample").path("type").asText()).isEqualTo("mongodb");
    }

    @Test
    void theExtensionJarIsMountedOntoTheThingsClassPath() {
        final JsonNode things = ditto.path("things");
        final Map<String, JsonNode> volumes = new LinkedHashMap<>();
        things.path("extraVolumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        final List<JsonNode> jarMounts = new ArrayList<>();
        things.path("extraVolumeMounts").forEach(m -> {
            assertThat(volumes).as("volume of mount %s", m.path("mountPath").asText())
                    .containsKey(m.path("name").asText());
            if (m.path("mountPath").asText().startsWith("/opt/ditto/extensions/")) {
                jarMounts.add(m);
            }
        });
        assertThat(jarMounts).hasSize(1);
        final JsonNode jar = jarMounts.get(0);
        assertThat(jar.path("mountPath").asText()).matches("/opt/ditto/extensions/[^/]+\\.jar");
        assertThat(jar.path("subPath").asText()).as("one file of the config map, not a folder over the extensions")
                .isNotBlank();
        // the install instructions create that config map key from the jar the module builds
        final String header = DeployFiles.read(DeployFiles.deployDir().resolve("helm/ditto-values.yaml"));
        assertThat(header).contains("--from-file=" + jar.path("subPath").asText() + "=ditto-extension/target/"
                + DeployFiles.extensionJarName());
    }

    @Test
    void theGuardIsConfiguredAsInTheComposeInstallation(@TempDir final Path keys) throws IOException {
        final Map<String, String> helmEnv = extraEnv(ditto.path("things"));
        final Map<String, String> composeGuard = new LinkedHashMap<>();
        DeployFiles.environment(compose.get("things")).forEach((k, v) -> {
            if (k.startsWith("TWINLOOP_")) {
                composeGuard.put(k, v);
            }
        });
        assertThat(helmEnv).isEqualTo(composeGuard);
        assertThat(DeployFiles.guardEnvironmentVariables()).containsAll(helmEnv.keySet());
        final Set<String> mountPaths = new TreeSet<>();
        ditto.path("things").path("extraVolumeMounts").forEach(m -> mountPaths.add(m.path("mountPath").asText()));
        assertThat(mountPaths).contains(helmEnv.get("TWINLOOP_GUARD_AGENT_KEYS_DIR"),
                helmEnv.get("TWINLOOP_GUARD_APPROVER_KEYS_DIR"));
        final GuardConfig config = ComposeFileTest.GuardSettings.asTheThingsServiceReadsThem(helmEnv, keys);
        assertThat(config.agentOf(List.of(PolicyTemplate.DEFAULT_OPTIMIZER))).contains("optimizer");
    }

    @Test
    void dittoServicesGetOnlyEnvironmentVariablesDittoReads() {
        DITTO_CHART_SERVICES.keySet().forEach(chartKey -> extraEnv(ditto.path(chartKey)).forEach((k, v) -> {
            if (!k.startsWith("TWINLOOP_GUARD_")) {
                assertThat(DittoEnvironment.KNOWN).as("%s of %s", k, chartKey).containsKey(k);
                if (DittoEnvironment.ALLOWED_VALUES.containsKey(k)) {
                    assertThat(DittoEnvironment.ALLOWED_VALUES.get(k)).as("%s of %s", k, chartKey).contains(v);
                }
            }
        }));
        assertThat(extraEnv(ditto.path("connectivity"))).containsKeys("HONO_CONNECTION_URI",
                "HONO_CONNECTION_HONO_PASSWORD");
    }

    @Test
    void dittoScrapeSettingsMatchDittosMetricsPort() {
        assertThat(ditto.path("global").path("prometheus").path("port").asInt())
                .isEqualTo(DittoEnvironment.PROMETHEUS_PORT);
    }

    @Test
    void noSecretIsWrittenIntoTheValues() {
        for (final JsonNode values : List.of(ditto, hono)) {
            secretLooking(values, "").forEach((where, value) -> assertThat(value).as(where).isEmpty());
        }
        assertThat(ditto.path("global").path("hashedBasicAuthUsers")).isEmpty();
    }

    /** NAME → value of a chart's extraEnv list (valueFrom entries as "valueFrom"). */
    private static Map<String, String> extraEnv(final JsonNode component) {
        final Map<String, String> env = new LinkedHashMap<>();
        component.path("extraEnv").forEach(e -> env.put(e.path("name").asText(),
                e.has("value") ? e.path("value").asText() : "valueFrom"));
        return env;
    }

    /** Every image tag in the values: {@code tag} under an {@code image}, {@code imageTag}, {@code honoImagesTag}. */
    private static Map<String, String> imageTags(final JsonNode node, final String path) {
        final Map<String, String> tags = new LinkedHashMap<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                final String where = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if ((e.getKey().equals("tag") && path.endsWith("image")) || e.getKey().equals("imageTag")
                        || e.getKey().equals("honoImagesTag")) {
                    tags.put(where, e.getValue().asText());
                } else if (e.getKey().equals("image") && e.getValue().isTextual()) {
                    tags.put(where, DeployFiles.tagOf(e.getValue().asText()));
                } else {
                    tags.putAll(imageTags(e.getValue(), where));
                }
            });
        }
        return tags;
    }

    private static Map<String, String> secretLooking(final JsonNode node, final String path) {
        final Map<String, String> found = new LinkedHashMap<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                final String where = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                final String key = e.getKey().toLowerCase();
                if ((key.contains("password") || key.contains("secret")) && e.getValue().isValueNode()) {
                    found.put(where, e.getValue().asText());
                } else {
                    found.putAll(secretLooking(e.getValue(), where));
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> found.putAll(secretLooking(child, path + "[]")));
        }
        return found;
    }
}
