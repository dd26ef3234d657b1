package io.twinloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.ditto.connectivity.model.Connection;
import org.eclipse.ditto.connectivity.model.ConnectivityModelFactory;
import org.eclipse.ditto.connectivity.model.FilteredTopic;
import org.eclipse.ditto.connectivity.model.Target;
import org.eclipse.ditto.json.JsonFactory;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.twinloop.deploy.DeployFiles.Mount;

/**
 * The optimizer service ({@code twinloop optimizer}) in the compose file and the Kubernetes manifests, against the
 * rest of the installation: it consumes the topic Ditto's twin-events connection publishes to, with the Kafka
 * listener's address, mechanism and user, as the subject the connection and the guard name, in the namespaces the
 * connection publishes; its key folder is where the service looks for its signing key; its approvals API port is
 * the one published. (The generic checks of ComposeFileTest and KubernetesManifestsTest, options and environment
 * read by the command, mounts, images, apply to it as to every TwinLoop service.)
 */
class OptimizerServiceDeployTest {

    private static final String SERVICE = "twinloop-optimizer";
    private static final String JAR = "/opt/twinloop/twinloop.jar";

    private final Map<String, JsonNode> services = DeployFiles.composeServices();

    @Test
    void composeRunsTheOptimizerAsAMemberOfTheConsumerGroupOverTheConnectionsTwinEvents() {
        final JsonNode service = services.get(SERVICE);
        assertThat(service).as("compose service " + SERVICE).isNotNull();
        final TwinLoopCommandLine optimizer = command(service);
        assertThat(optimizer.commandPath()).containsExactly("optimizer");
        assertThat(optimizer.value("--events")).isEqualToIgnoringCase("kafka");

        // Kafka: the listener's address and SASL mechanism, a user the broker knows, its password from the variable
        final Map<String, String> kafka = DeployFiles.environment(services.get("kafka"));
        final String advertised = kafka.get("KAFKA_ADVERTISED_LISTENERS");
        assertThat(advertised).startsWith("SASL_PLAINTEXT://");
        assertThat(optimizer.value("--kafka-bootstrap")).isEqualTo(advertised.substring(advertised.indexOf("//") + 2));
        assertThat(optimizer.value("--kafka-sasl-mechanism")).isEqualTo(kafka.get("KAFKA_SASL_ENABLED_MECHANISMS"));
        assertThat(kafka.get("KAFKA_LISTENER_NAME_SASL__PLAINTEXT_PLAIN_SASL_JAAS_CONFIG"))
                .contains("user_" + optimizer.value("--kafka-user") + "=\"${HONO_KAFKA_PASSWORD");
        final Map<String, String> env = DeployFiles.environment(service);
        assertThat(env.get("TWINLOOP_KAFKA_PASSWORD")).startsWith("${HONO_KAFKA_PASSWORD:?");

        // the twin-events connection: its topic, its namespaces, its subject = the optimizer's Ditto user
        final Connection connection = twinEventsConnection();
        final Target target = connection.getTargets().get(0);
        assertThat(optimizer.value("--kafka-topic")).isEqualTo(target.getAddress()
                .substring(0, target.getAddress().indexOf('/')));
        final List<String> published = new ArrayList<>();
        target.getTopics().stream().map(FilteredTopic::getNamespaces).forEach(published::addAll);
        assertThat(optimizer.value("--namespace")).isEqualTo(published.toString());
        final String subject = "nginx:" + optimizer.value("--user");
        assertThat(target.getAuthorizationContext().getAuthorizationSubjectIds()).containsExactly(subject);
        assertThat(subject).isEqualTo(io.twinloop.ditto.policy.PolicyTemplate.DEFAULT_OPTIMIZER);
        // the guard treats that subject as the agent whose key the optimizer signs with (its default agent name)
        assertThat(DeployFiles.environment(services.get("things")).get("TWINLOOP_GUARD_AGENT_SUBJECTS"))
                .isEqualTo("optimizer=" + subject);
        assertThat(env.get("DITTO_PASSWORD")).startsWith("${TWINLOOP_OPTIMIZER_PASSWORD:?");
        assertThat(optimizer.value("--ditto")).isEqualTo("http://nginx:80");

        // its folder is a volume, its keys the operator's folder at <data>/keys; the API's port is published
        final String data = optimizer.value("--data");
        final List<Mount> mounts = DeployFiles.mounts(service);
        assertThat(mounts).anySatisfy(m -> {
            assertThat(m.target()).isEqualTo(data);
            assertThat(m.isBind()).as("a named volume").isFalse();
        });
        assertThat(mounts).anySatisfy(m -> {
            assertThat(m.target()).isEqualTo(data + "/keys");
            assertThat(m.source()).isEqualTo("./keys/optimizer");
        });
        assertThat(optimizer.value("--approvals-host")).isEqualTo("0.0.0.0");
        final List<String> ports = new ArrayList<>();
        service.path("ports").forEach(p -> ports.add(p.asText().substring(p.asText().lastIndexOf(':') + 1)));
        assertThat(ports).containsExactly(optimizer.value("--approvals-port"));
        assertThat(env.get("TWINLOOP_OPERATOR_PASSWORD")).startsWith("${TWINLOOP_OPERATOR_PASSWORD:?");
    }

    @Test
    void kubernetesRunsTheOptimizerAsAStatefulSetOfGroupMembersEachWithItsOwnLogAndName() throws IOException {
        final List<JsonNode> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(DeployFiles.deployDir().resolve("kubernetes"))) {
            files.filter(f -> f.getFileName().toString().equals("twinloop-optimizer.yaml"))
                    .forEach(f -> objects.addAll(DeployFiles.yamlDocuments(f)));
        }
        final JsonNode set = objects.stream().filter(o -> o.path("kind").asText().equals("StatefulSet")).findFirst()
                .orElseThrow(() -> new AssertionError("no StatefulSet in kubernetes/twinloop-optimizer.yaml"));
        assertThat(set.path("spec").path("replicas").asInt()).as("instances of the group").isGreaterThan(1);
        final JsonNode container = set.path("spec").path("template").path("spec").path("containers").get(0);
        final List<String> args = new ArrayList<>();
        final Pattern variable = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
        container.path("args").forEach(a -> args.add(variable.matcher(a.asText()).replaceAll("value")));
        final TwinLoopCommandLine optimizer = TwinLoopCommandLine.parse(args);
        assertThat(optimizer.commandPath()).containsExactly("optimizer");
        assertThat(optimizer.value("--events")).isEqualToIgnoringCase("kafka");

        // Hono's chart Kafka (SCRAM), as Ditto's connectivity reads it (helm/ditto-values.yaml)
        final String dittoValues = DeployFiles.read(DeployFiles.deployDir().resolve("helm/ditto-values.yaml"));
        assertThat(dittoValues).contains("value: \"" + optimizer.value("--kafka-bootstrap") + "\"");
        assertThat(optimizer.value("--kafka-sasl-mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(dittoValues).contains("value: \"SCRAM_SHA_512\"");
        assertThat(dittoValues).contains("name: HONO_CONNECTION_HONO_USERNAME\n      value: \""
                + optimizer.value("--kafka-user") + "\"");
        assertThat(optimizer.value("--ditto")).isEqualTo("http://ditto-nginx:8080");

        // each pod: its name as client id, its own volume (decision log), the keys from a secret at <data>/keys
        final Map<String, JsonNode> env = new java.util.HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        assertThat(env.get("TWINLOOP_KAFKA_CLIENT_ID").path("valueFrom").path("fieldRef").path("fieldPath").asText())
                .isEqualTo("metadata.name");
        assertThat(env.get("TWINLOOP_KAFKA_PASSWORD").path("valueFrom").path("secretKeyRef").path("name").asText())
                .isEqualTo("twinloop-hono-kafka");
        final String data = optimizer.value("--data");
        final List<String> mountPaths = container.path("volumeMounts").findValuesAsText("mountPath");
        assertThat(mountPaths).contains(data, data + "/keys");
        final List<String> claimTemplates = set.path("spec").path("volumeClaimTemplates").findValuesAsText("name");
        assertThat(claimTemplates).isNotEmpty();
        container.path("volumeMounts").forEach(m -> {
            if (m.path("mountPath").asText().equals(data)) {
                assertThat(claimTemplates).as("the decision log is per pod").contains(m.path("name").asText());
            }
        });
        // the approvals API: the port the command binds, on every interface, reachable per pod (headless service)
        assertThat(optimizer.value("--approvals-host")).isEqualTo("0.0.0.0");
        assertThat(container.path("ports").findValuesAsText("containerPort"))
                .containsExactly(optimizer.value("--approvals-port"));
        final JsonNode headless = objects.stream().filter(o -> o.path("kind").asText().equals("Service"))
                .filter(o -> o.path("metadata").path("name").asText().equals(set.path("spec").path("serviceName")
                        .asText())).findFirst().orElseThrow(() -> new AssertionError("the StatefulSet's service"));
        assertThat(headless.path("spec").path("clusterIP").asText()).isEqualTo("None");
    }

    private static TwinLoopCommandLine command(final JsonNode service) {
        final List<String> args = new ArrayList<>();
        service.path("command").forEach(a -> args.add(DeployFiles.interpolate(a.asText())));
        final int jar = args.indexOf(JAR);
        assertThat(jar).as("runs %s", JAR).isPositive();
        return TwinLoopCommandLine.parse(args.subList(jar + 1, args.size()));
    }

    private static Connection twinEventsConnection() {
        final String json = DeployFiles.interpolate(DeployFiles.read(
                DeployFiles.composeDir().resolve("ditto/twinloop-twin-events.connection.json")));
        return ConnectivityModelFactory.connectionFromJson(JsonFactory.newObject(json));
    }
}
