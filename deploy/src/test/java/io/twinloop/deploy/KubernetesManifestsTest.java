package io.twinloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes/*.yaml (TwinLoop's own workloads) and the image they run (deploy/docker/Dockerfile) against
 * the code: the image runs the jar the cli builds, every container's arguments parse as the cli's command line,
 * every environment variable is one that command reads, and the objects refer to each other consistently.
 */
class KubernetesManifestsTest {

    private static final List<JsonNode> OBJECTS = new ArrayList<>();
    private static final Pattern K8S_VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.list(DeployFiles.deployDir().resolve("kubernetes"))) {
            files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .forEach(f -> OBJECTS.addAll(DeployFiles.yamlDocuments(f)));
        }
    }

    @Test
    void everyObjectIsAKubernetesObject() {
        assertThat(OBJECTS).isNotEmpty();
        for (final JsonNode object : OBJECTS) {
            assertThat(object.path("apiVersion").asText()).isNotBlank();
            assertThat(object.path("kind").asText()).isNotBlank();
            assertThat(object.path("metadata").path("name").asText()).isNotBlank();
        }
    }

    @Test
    void containersRunTheTwinLoopImageOfThisVersion() {
        final List<JsonNode> containers = containers();
        assertThat(containers).isNotEmpty();
        for (final JsonNode container : containers) {
            final String image = container.path("image").asText();
            assertThat(DeployFiles.tagOf(image)).as(image).isEqualTo(DeployFiles.version());
            assertThat(DeployFiles.nameOf(image)).as(image).endsWith("twinloop");
        }
    }

    @Test
    void theImageRunsTheJarTheCliBuilds() {
        final String dockerfile = DeployFiles.read(DeployFiles.deployDir().resolve("docker/Dockerfile"));
        final Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(dockerfile);
        assertThat(from.find()).isTrue();
        assertThat(DeployFiles.tagOf(from.group(1))).isNotBlank().isNotEqualTo("latest").containsPattern("^\\d+\\.");
        final String jar = "cli/target/" + DeployFiles.pomValue("cli", "build/finalName") + ".jar";
        final Matcher copyJar = Pattern.compile("(?m)^COPY\\s+" + Pattern.quote(jar) + "\\s+(\\S+)").matcher(dockerfile);
        assertThat(copyJar.find()).as("COPY %s", jar).isTrue();
        assertThat(dockerfile).contains("ENTRYPOINT [\"java\", \"-jar\", \"" + copyJar.group(1) + "\"]");
        // the jar's manifest class path names lib/ next to it
        assertThat(dockerfile).containsPattern("(?m)^COPY\\s+cli/target/lib/\\s+"
                + Pattern.quote(copyJar.group(1).substring(0, copyJar.group(1).lastIndexOf('/') + 1)) + "lib/");
        assertThat(DeployFiles.repositoryRoot().resolve(jar)).as("built by the reactor").isRegularFile();
        assertThat(DeployFiles.repositoryRoot().resolve("cli/target/lib")).isDirectory();
    }

    @Test
    void everyContainerCommandIsOneTheCliReadsWithItsEnvironment() {
        final Set<List<String>> commands = new HashSet<>();
        for (final JsonNode container : containers()) {
            final List<String> args = new ArrayList<>();
            final Set<String> argVariables = new HashSet<>();
            container.path("args").forEach(a -> {
                final Matcher m = K8S_VARIABLE.matcher(a.asText());
                while (m.find()) {
                    argVariables.add(m.group(1));
                }
                args.add(K8S_VARIABLE.matcher(a.asText()).replaceAll("value"));
            });
            final TwinLoopCommandLine command = TwinLoopCommandLine.parse(args);
            commands.add(command.commandPath());
            container.path("env").forEach(e -> {
                final String name = e.path("name").asText();
                assertThat(argVariables.contains(name) || command.environmentVariables().contains(name))
                        .as("%s is read by twinloop %s or used in its arguments", name, command.commandPath())
                        .isTrue();
            });
            argVariables.forEach(v -> assertThat(container.path("env").findValuesAsText("name")).as(v).contains(v));
            // files the command names are in the image (the Dockerfile copies examples/ there)
            args.stream().filter(a -> a.startsWith("/opt/twinloop/examples/")).forEach(a -> assertThat(
                    DeployFiles.repositoryRoot().resolve("examples").resolve(a.substring("/opt/twinloop/examples/"
                            .length()))).as(a).isRegularFile());
            if (command.commandPath().equals(List.of("plant"))) {
                final List<String> ports = container.path("ports").findValuesAsText("containerPort");
                assertThat(ports).containsExactly(command.value("--port"));
                assertThat(command.value("--host")).isEqualTo("0.0.0.0");
            }
        }
        assertThat(commands).contains(List.of("plant"), List.of("aas", "import"), List.of("hono", "provision"));
    }

    @Test
    void objectsReferToEachOther() {
        final Set<String> claims = allClaims();
        for (final JsonNode object : OBJECTS) {
            final JsonNode template = object.path("spec").path("template");
            if (!template.isMissingNode()) {
                final Set<String> volumes = new HashSet<>(template.path("spec").path("volumes").findValuesAsText("name"));
                // a StatefulSet's per-pod claims are volumes of its pods too
                object.path("spec").path("volumeClaimTemplates")
                        .forEach(c -> volumes.add(c.path("metadata").path("name").asText()));
                template.path("spec").path("volumes").forEach(v -> {
                    if (v.has("persistentVolumeClaim")) {
                        assertThat(claims)
                                .contains(v.path("persistentVolumeClaim").path("claimName").asText());
                    }
                });
                template.path("spec").path("containers").forEach(c -> c.path("volumeMounts").forEach(m ->
                        assertThat(volumes).as("volume of %s", m.path("mountPath").asText())
                                .contains(m.path("name").asText())));
                if (isWorkload(object)) {
                    assertThat(object.path("spec").path("selector").path("matchLabels").fields())
                            .toIterable().allSatisfy(e -> assertThat(template.path("metadata").path("labels")
                                    .path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
                }
            }
        }
        for (final JsonNode service : OBJECTS.stream().filter(o -> o.path("kind").asText().equals("Service")).toList()) {
            final JsonNode selector = service.path("spec").path("selector");
            final List<JsonNode> selected = OBJECTS.stream().filter(KubernetesManifestsTest::isWorkload)
                    .filter(d -> matches(selector, d.path("spec").path("template").path("metadata").path("labels")))
                    .toList();
            assertThat(selected).as("pods of service %s", service.path("metadata").path("name").asText()).hasSize(1);
            final Set<String> portNames = new HashSet<>(selected.get(0).path("spec").path("template").path("spec")
                    .path("containers").findValuesAsText("name"));
            selected.get(0).path("spec").path("template").path("spec").path("containers")
                    .forEach(c -> c.path("ports").forEach(p -> portNames.add(p.path("name").asText())));
            service.path("spec").path("ports").forEach(p -> assertThat(portNames)
                    .contains(p.path("targetPort").asText()));
        }
    }

    /** What runs pods behind a Service: a Deployment or a StatefulSet. */
    private static boolean isWorkload(final JsonNode object) {
        return List.of("Deployment", "StatefulSet").contains(object.path("kind").asText());
    }

    private static Set<String> allClaims() {
        final Set<String> claims = new HashSet<>();
        OBJECTS.stream().filter(o -> o.path("kind").asText().equals("PersistentVolumeClaim"))
                .forEach(o -> claims.add(o.path("metadata").path("name").asText()));
        return claims;
    }

    private static boolean matches(final JsonNode selector, final JsonNode labels) {
        final boolean[] all = {selector.size() > 0};
        selector.fields().forEachRemaining(e -> all[0] &= labels.path(e.getKey()).asText().equals(e.getValue().asText()));
        return all[0];
    }

    @Test
    void theOpcUaConnectorIsOneInstanceWorkingAsThePoliciesConnector() {
        final JsonNode deployment = OBJECTS.stream().filter(o -> o.path("kind").asText().equals("Deployment")
                && o.path("metadata").path("name").asText().equals("twinloop-connector-opcua")).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment twinloop-connector-opcua"));
        // two instances would both write every desired value to the machines
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(deployment.path("spec").path("strategy").path("type").asText()).isEqualTo("Recreate");
        final List<String> args = new ArrayList<>();
        deployment.path("spec").path("template").path("spec").path("containers").get(0).path("args")
                .forEach(a -> args.add(a.asText()));
        final TwinLoopCommandLine connector = TwinLoopCommandLine.parse(args);
        assertThat(connector.commandPath()).containsExactly("connector", "opcua");
        final List<String> importArgs = new ArrayList<>();
        containers().stream().filter(c -> c.path("args").path(0).asText().equals("aas")).findFirst().orElseThrow()
                .path("args").forEach(a -> importArgs.add(K8S_VARIABLE.matcher(a.asText()).replaceAll("value")));
        final TwinLoopCommandLine importJob = TwinLoopCommandLine.parse(importArgs);
        assertThat("nginx:" + connector.value("--user")).isEqualTo(importJob.value("--connector-subject"));
        assertThat(connector.value("--ditto")).isEqualTo(importJob.value("--ditto"));
        assertThat(connector.given("--namespace")).isEqualTo("[" + importJob.value("--namespace") + "]");
    }

    private static List<JsonNode> containers() {
        final List<JsonNode> containers = new ArrayList<>();
        OBJECTS.forEach(o -> o.path("spec").path("template").path("spec").path("containers").forEach(containers::add));
        return containers;
    }
}
