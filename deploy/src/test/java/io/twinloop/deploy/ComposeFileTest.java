package io.twinloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;

import io.twinloop.deploy.DeployFiles.Mount;
import io.twinloop.ditto.guard.GuardConfig;
import io.twinloop.ditto.policy.PolicyTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * deploy/compose/docker-compose.yml against the code and the files it mounts (there is no Docker engine on the
 * development machines, so this is all the checking it gets before an operator starts it).
 */
class ComposeFileTest {

    private static final String TWINLOOP_JAR = "/opt/twinloop/twinloop.jar";
    /** Files the operator makes (passwords, keys): mounted, documented in the README, never committed. */
    private static final List<String> OPERATOR_FILES = List.of("./nginx/nginx.htpasswd", "./hono/permissions.json",
            "./keys/agents", "./keys/approvers", "./keys/optimizer");

    private final Map<String, JsonNode> services = DeployFiles.composeServices();

    @Test
    void everyImageIsPinnedToARelease() {
        assertThat(services).isNotEmpty();
        services.forEach((name, service) -> {
            final String image = service.path("image").asText();
            assertThat(image).as("service %s has an image (no build)", name).isNotBlank();
            final String tag = DeployFiles.tagOf(image);
            assertThat(tag).as("tag of %s (%s)", name, image).isNotBlank().isNotEqualTo("latest")
                    .doesNotContain("$").containsPattern("^v?\\d+\\.\\d+");
        });
    }

    @Test
    void dittoIsTheOfficialImagesOfOne38Release() {
        final Set<String> tags = new TreeSet<>();
        DittoEnvironment.SERVICES.forEach((service, imageName) -> {
            assertThat(services).as("Ditto service %s", service).containsKey(service);
            final String image = services.get(service).path("image").asText();
            assertThat(DeployFiles.nameOf(image)).endsWith(imageName);
            tags.add(DeployFiles.tagOf(image));
        });
        assertThat(tags).as("one Ditto release for all services").hasSize(1);
        assertThat(tags.iterator().next()).startsWith("3.8.");
    }

    @Test
    void honoIsTheOfficial26Images() {
        final List<String> hono = services.keySet().stream().filter(s -> s.startsWith("hono-")).toList();
        assertThat(hono).contains("hono-auth", "hono-device-registry", "hono-command-router", "hono-adapter-mqtt",
                "hono-adapter-http");
        for (final String name : hono) {
            final String image = services.get(name).path("image").asText();
            assertThat(DeployFiles.nameOf(image)).as(name).contains("/eclipse/hono-");
            assertThat(DeployFiles.tagOf(image)).as(name).startsWith("2.6.");
        }
    }

    @Test
    void theExtensionJarAsItsModuleBuildsItIsOnTheThingsServiceClassPath() {
        final List<Mount> jars = new ArrayList<>();
        services.forEach((name, service) -> DeployFiles.mounts(service).stream()
                .filter(m -> m.source().contains("ditto-extension")).forEach(m -> {
                    assertThat(name).as("only the things service loads the extension").isEqualTo("things");
                    jars.add(m);
                }));
        assertThat(jars).hasSize(1);
        final Mount jar = jars.get(0);
        assertThat(jar.hostPath()).isEqualTo(DeployFiles.repositoryRoot()
                .resolve("ditto-extension/target").resolve(DeployFiles.extensionJarName()));
        // Ditto's images: CLASSPATH=/opt/ditto/*:/opt/ditto/extensions/* (a file directly in the folder)
        assertThat(jar.target()).matches("/opt/ditto/extensions/[^/]+\\.jar");
        assertThat(jar.readOnly()).isTrue();
        assertThat(jar.hostPath()).as("built by the reactor before these tests (mvn -pl deploy -am verify)")
                .isRegularFile();
    }

    @Test
    void theGuardEnvironmentIsReadByTheExtensionAndValid(@TempDir final Path keys) throws IOException {
        final Map<String, String> env = DeployFiles.environment(services.get("things"));
        final Map<String, String> guard = new HashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("TWINLOOP_")) {
                guard.put(k, v);
            }
        });
        assertThat(guard).isNotEmpty();
        assertThat(DeployFiles.guardEnvironmentVariables()).containsAll(guard.keySet());
        final Set<String> mountTargets = new TreeSet<>();
        DeployFiles.mounts(services.get("things")).forEach(m -> mountTargets.add(m.target()));
        assertThat(mountTargets).as("key folders are mounted").contains(guard.get("TWINLOOP_GUARD_AGENT_KEYS_DIR"),
                guard.get("TWINLOOP_GUARD_APPROVER_KEYS_DIR"));

        final GuardConfig config = GuardSettings.asTheThingsServiceReadsThem(guard, keys);
        assertThat(config.enabled()).isTrue();
        assertThat(config.agentOf(List.of(PolicyTemplate.DEFAULT_OPTIMIZER)))
                .as("the optimizer's subject in the twins' policies (aas import) is the guarded agent")
                .contains("optimizer");
    }

    @Test
    void aWrongGuardValueIsRefusedAsTheThingsServiceWouldRefuseIt(@TempDir final Path keys) {
        assertThatThrownBy(() -> GuardSettings.asTheThingsServiceReadsThem(
                Map.of("TWINLOOP_GUARD_OTHER_SUBJECTS", "maybe"), keys))
                .hasMessageContaining("other-subjects");
    }

    @Test
    void dittoServicesGetOnlyEnvironmentVariablesDittoReads() {
        DittoEnvironment.SERVICES.keySet().forEach(name -> DeployFiles.environment(services.get(name)).forEach(
                (k, v) -> {
                    if (!k.startsWith("TWINLOOP_GUARD_")) {
                        assertThat(DittoEnvironment.KNOWN).as("%s of Ditto's %s", k, name).containsKey(k);
                        if (DittoEnvironment.ALLOWED_VALUES.containsKey(k)) {
                            assertThat(DittoEnvironment.ALLOWED_VALUES.get(k)).as("%s of %s", k, name).contains(v);
                        }
                    }
                }));
        assertThat(DeployFiles.environment(services.get("gateway"))).containsEntry("ENABLE_PRE_AUTHENTICATION",
                "true");
    }

    @Test
    void everyTwinLoopCommandIsOneTheCliReads() {
        final Map<String, TwinLoopCommandLine> commands = twinLoopCommands();
        assertThat(commands).containsKeys("twinloop-plant", "twinloop-import", "twinloop-hono-provision");
        assertThat(commands.get("twinloop-plant").commandPath()).containsExactly("plant");
        assertThat(commands.get("twinloop-import").commandPath()).containsExactly("aas", "import");
        assertThat(commands.get("twinloop-hono-provision").commandPath()).containsExactly("hono", "provision");
    }

    @Test
    void theOpcUaConnectorWorksAsThePoliciesConnectorWithThePlantsUser() {
        final Map<String, TwinLoopCommandLine> commands = twinLoopCommands();
        final TwinLoopCommandLine connector = commands.get("twinloop-connector-opcua");
        assertThat(connector).as("the OPC UA connector service").isNotNull();
        assertThat(connector.commandPath()).containsExactly("connector", "opcua");
        final TwinLoopCommandLine importJob = commands.get("twinloop-import");
        // nginx hands Ditto nginx:<user>: the subject the imported twins' policies let write values and reports
        assertThat("nginx:" + connector.value("--user")).isEqualTo(importJob.value("--connector-subject"));
        assertThat(connector.value("--ditto")).isEqualTo(importJob.value("--ditto"));
        // it connects the namespace the twins are imported into
        assertThat(connector.given("--namespace")).isEqualTo("[" + importJob.value("--namespace") + "]");
        // the plant's OPC UA user, its password from the same variable the plant is given
        final String plantUsers = commands.get("twinloop-plant").value("--user");
        final String plantUser = plantUsers.substring(1, plantUsers.length() - 1); // one user: [NAME:PASSWORD]
        final JsonNode service = services.get("twinloop-connector-opcua");
        assertThat(plantUser).startsWith(connector.value("--opcua-user") + ":");
        assertThat(plantUser.substring(plantUser.indexOf(':') + 1)).isEqualTo(DeployFiles.interpolate(
                DeployFiles.environment(service).get("TWINLOOP_OPCUA_PASSWORD")));
        assertThat(DeployFiles.environment(service)).containsKey("DITTO_PASSWORD");
        // its key and certificate (which the plant is told to trust) survive restarts: a named volume
        assertThat(DeployFiles.mounts(service)).anySatisfy(m -> {
            assertThat(m.target()).isEqualTo(connector.value("--pki"));
            assertThat(m.source()).doesNotStartWith(".");
            assertThat(m.readOnly()).isFalse();
        });
        assertThat(service.path("depends_on").toString()).contains("nginx").contains("twinloop-plant");
    }

    @Test
    void theProvisionJobLinksModelsTheModelServerServesToDitto() {
        final Map<String, TwinLoopCommandLine> commands = twinLoopCommands();
        final TwinLoopCommandLine provision = commands.get("twinloop-provision");
        final TwinLoopCommandLine models = commands.get("twinloop-models");
        final TwinLoopCommandLine importJob = commands.get("twinloop-import");
        assertThat(provision.commandPath()).containsExactly("ditto", "provision");
        assertThat(models.commandPath()).containsExactly("models", "serve");
        // the same twins, Ditto, user and policy subjects as the import, so provision finds them unchanged
        assertSameTwinsAndSubjects(provision, importJob);
        // the model URLs point at the model server by its compose name and port, on all interfaces
        assertThat(provision.value("--models-base-url"))
                .isEqualTo("http://twinloop-models:" + models.value("--port") + "/");
        assertThat(models.value("--host")).isEqualTo("0.0.0.0");
        // provision writes the models into the volume the server serves from
        final JsonNode provisionService = services.get("twinloop-provision");
        final JsonNode modelService = services.get("twinloop-models");
        final String modelsOut = provision.value("--models-out");
        assertThat(DeployFiles.mounts(provisionService)).anySatisfy(m -> {
            assertThat(m.target()).isEqualTo(modelsOut);
            assertThat(m.readOnly()).isFalse();
            assertThat(DeployFiles.mounts(modelService)).anySatisfy(served -> {
                assertThat(served.source()).isEqualTo(m.source()).doesNotStartWith(".");
                assertThat(served.target()).isEqualTo(models.positional(0));
            });
        });
        assertThat(provisionService.path("depends_on").toString()).contains("twinloop-models").contains("nginx");
        // a thing whose model does not list the connector's Reconciliation feature must still take it
        assertThat(DeployFiles.environment(services.get("things")))
                .containsEntry("THINGS_WOT_TM_MODEL_VALIDATION_FEATURE_FORBID_NON_MODELED_FEATURES", "false");
    }

    @Test
    void theHonoDevicesRegisteredInHonoGetTwinsAndDittosHonoConnection() {
        final Map<String, TwinLoopCommandLine> commands = twinLoopCommands();
        final TwinLoopCommandLine devices = commands.get("twinloop-hono-provision");
        final TwinLoopCommandLine importJob = commands.get("twinloop-meters-import");
        final TwinLoopCommandLine provision = commands.get("twinloop-meters-provision");
        final TwinLoopCommandLine demoProvision = commands.get("twinloop-provision");
        assertThat(importJob.commandPath()).containsExactly("aas", "import");
        assertThat(provision.commandPath()).containsExactly("ditto", "provision");
        // the twins of exactly the devices Hono's registry was given, in a namespace of their own
        assertThat(devices.value("--aas")).isEqualTo("[" + importJob.positional(0) + "]"); // --aas is a list
        assertThat(provision.positional(0)).isEqualTo(importJob.positional(0));
        assertThat(importJob.value("--namespace")).isNotEqualTo(commands.get("twinloop-import").value("--namespace"));
        assertSameTwinsAndSubjects(provision, importJob);
        // the same model server and folder as the demo's provisioning (file names carry a content hash)
        assertThat(provision.value("--models-base-url")).isEqualTo(demoProvision.value("--models-base-url"));
        assertThat(provision.value("--models-out")).isEqualTo(demoProvision.value("--models-out"));
        // the hono connection is applied as Ditto's devops user, and acts as the subject the policies let write
        assertThat(DeployFiles.environment(services.get("twinloop-meters-provision")))
                .containsKeys("DITTO_PASSWORD", "DITTO_DEVOPS_PASSWORD");
        assertThat(provision.given("--no-connections")).isNull();
    }

    /** A provision job works on the twins its import job made: same Ditto, user, namespace and policy subjects. */
    private static void assertSameTwinsAndSubjects(final TwinLoopCommandLine provision,
            final TwinLoopCommandLine importJob) {
        for (final String option : List.of("--ditto", "--user", "--namespace", "--owner-subject",
                "--optimizer-subject", "--connector-subject")) {
            assertThat(provision.given(option)).as(option).isEqualTo(importJob.given(option));
        }
    }

    @Test
    void theCommandCheckRefusesAnOptionTheCodeDoesNotRead() {
        assertThatThrownBy(() -> TwinLoopCommandLine.parse(List.of("plant", "--metrics-port", "9100")))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class).hasMessageContaining("--metrics-port");
    }

    @Test
    void twinLoopServicesGetOnlyEnvironmentVariablesTheirCommandReads() {
        twinLoopCommands().forEach((name, command) -> {
            final Set<String> env = DeployFiles.environment(services.get(name)).keySet();
            assertThat(command.environmentVariables()).as("what twinloop %s reads", command.commandPath())
                    .containsAll(env);
        });
        assertThat(DeployFiles.environment(services.get("twinloop-import"))).containsKey("DITTO_PASSWORD");
        assertThat(DeployFiles.environment(services.get("twinloop-hono-provision"))).containsKey("HONO_REGISTRY_URL");
    }

    @Test
    void twinLoopServicesRunTheJarTheCliBuildsWithTheFilesTheyName() {
        final String jarName = DeployFiles.pomValue("cli", "build/finalName") + ".jar";
        assertThat(TWINLOOP_JAR).endsWith("/" + jarName);
        twinLoopCommands().keySet().forEach(name -> {
            final JsonNode service = services.get(name);
            final List<Mount> mounts = DeployFiles.mounts(service);
            final Mount jarDir = mounts.stream().filter(m -> m.target().equals("/opt/twinloop")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " mounts nothing at /opt/twinloop"));
            assertThat(jarDir.hostPath()).isEqualTo(DeployFiles.repositoryRoot().resolve("cli/target"));
            assertThat(jarDir.hostPath().resolve(jarName)).as("built by the reactor").isRegularFile();
            // every absolute file the command names lies in a mount whose source has it
            for (final String arg : commandArgs(service)) {
                if (!arg.startsWith("/opt/twinloop/examples/")) {
                    continue;
                }
                final Mount examples = mounts.stream().filter(m -> arg.startsWith(m.target() + "/"))
                        .max((a, b) -> a.target().length() - b.target().length()).orElseThrow();
                assertThat(examples.hostPath().resolve(arg.substring(examples.target().length() + 1)))
                        .as("%s of %s", arg, name).isRegularFile();
            }
        });
    }

    @Test
    void publishedPortsAreThePortsTheServicesListenOn() {
        final TwinLoopCommandLine plant = twinLoopCommands().get("twinloop-plant");
        assertThat(plant.value("--host")).as("reachable from other containers").isEqualTo("0.0.0.0");
        assertThat(containerPorts(services.get("twinloop-plant"))).containsExactly(plant.value("--port"));
        final NginxConf nginx = NginxConf.parse(DeployFiles.read(DeployFiles.composeDir().resolve("nginx/nginx.conf")));
        final Set<String> listens = new TreeSet<>();
        nginx.everywhere("listen").forEach(l -> listens.add(l.arg(0)));
        assertThat(listens).containsExactlyElementsOf(containerPorts(services.get("nginx")));
    }

    @Test
    void nginxAuthenticatesAndHandsDittoTheSubjectsThePoliciesName() {
        final NginxConf conf = NginxConf.parse(DeployFiles.read(DeployFiles.composeDir().resolve("nginx/nginx.conf")));
        final Map<String, NginxConf> locations = new HashMap<>();
        conf.everywhere("location").forEach(l -> locations.put(l.arg(0), l));
        assertThat(locations).containsKeys("/api", "/ws");
        for (final String path : List.of("/api", "/ws")) {
            final NginxConf location = locations.get(path);
            assertThat(location.first("auth_basic")).as("%s authenticates", path).isPresent();
            final String userFile = location.first("auth_basic_user_file").orElseThrow().arg(0);
            assertThat(DeployFiles.mounts(services.get("nginx"))).as("%s's user file is mounted", path)
                    .anySatisfy(m -> assertThat(m.target()).isEqualTo("/etc/nginx/" + userFile));
            final List<String> preAuthenticated = location.all("proxy_set_header").stream()
                    .filter(h -> h.arg(0).equalsIgnoreCase("x-ditto-pre-authenticated")).map(h -> h.arg(1)).toList();
            assertThat(preAuthenticated).containsExactly("nginx:${remote_user}");
        }
        // the subjects TwinLoop's policies and guard name are the ones nginx hands over
        assertThat(PolicyTemplate.DEFAULT_OPTIMIZER).startsWith("nginx:");
        assertThat(PolicyTemplate.DEFAULT_CONNECTOR).startsWith("nginx:");
        assertThat(DeployFiles.environment(services.get("things")).get("TWINLOOP_GUARD_AGENT_SUBJECTS"))
                .contains(PolicyTemplate.DEFAULT_OPTIMIZER);
        // every upstream is a service of this file
        for (final NginxConf pass : conf.everywhere("proxy_pass")) {
            final Matcher m = Pattern.compile("http://([^:/]+)(?::(\\d+))?").matcher(pass.arg(0));
            assertThat(m.lookingAt()).as(pass.arg(0)).isTrue();
            assertThat(services).as("upstream of %s", pass.arg(0)).containsKey(m.group(1));
        }
    }

    @Test
    void everyMountedFileIsInTheRepositoryOrTheOperatorsAndDocumented() throws IOException {
        final String readme = DeployFiles.read(DeployFiles.deployDir().resolve("README.md"));
        final String gitignore = DeployFiles.read(DeployFiles.composeDir().resolve(".gitignore"));
        final Set<String> seenOperatorFiles = new LinkedHashSet<>();
        services.forEach((name, service) -> DeployFiles.mounts(service).stream().filter(Mount::isBind)
                .forEach(m -> {
                    if (OPERATOR_FILES.contains(m.source())) {
                        seenOperatorFiles.add(m.source());
                        return;
                    }
                    if (m.source().startsWith("../../cli/target") || m.source().startsWith("../../ditto-extension/")) {
                        return; // build output, checked above
                    }
                    assertThat(m.hostPath()).as("%s of %s", m.source(), name).exists();
                }));
        assertThat(seenOperatorFiles).containsExactlyInAnyOrderElementsOf(OPERATOR_FILES);
        for (final String file : OPERATOR_FILES) {
            final String relative = file.substring(2);
            assertThat(readme).as("README says how to make %s", relative).contains("compose/" + relative);
            assertThat(gitignore.lines().map(String::trim)).as(".gitignore keeps %s out of git", relative)
                    .anyMatch(line -> !line.isEmpty() && !line.startsWith("#")
                            && (relative.equals(line) || relative.startsWith(line)));
        }
        for (final Path sample : List.of(DeployFiles.composeDir().resolve("hono/permissions.json"),
                DeployFiles.composeDir().resolve("nginx/nginx.htpasswd"))) {
            assertThat(Files.exists(sample) && !isIgnoredLocalFile(sample)).as("%s is not committed", sample)
                    .isFalse();
        }
    }

    @Test
    void honoComponentsReadTheirMountedConfigurationAndEveryVariableInItIsSet() {
        services.keySet().stream().filter(s -> s.startsWith("hono-")).forEach(name -> {
            final JsonNode service = services.get(name);
            final Map<String, String> env = DeployFiles.environment(service);
            assertThat(env).as(name).containsEntry("QUARKUS_CONFIG_LOCATIONS", "/opt/hono/config/application.yml");
            final Mount config = DeployFiles.mounts(service).stream()
                    .filter(m -> m.target().equals("/opt/hono/config/application.yml")).findFirst().orElseThrow();
            final String text = DeployFiles.read(config.hostPath());
            final JsonNode yaml = DeployFiles.yaml(config.hostPath());
            assertThat(yaml.path("hono").isObject()).as("%s: hono block", config.source()).isTrue();
            final Set<String> referenced = referencedVariables(text);
            final Set<String> set = new TreeSet<>(env.keySet());
            set.remove("QUARKUS_CONFIG_LOCATIONS");
            assertThat(set).as("%s: what is set is what %s reads", name, config.source())
                    .containsExactlyInAnyOrderElementsOf(referenced);
            // every host the component talks to is a service of this file
            hostsIn(yaml).forEach(host -> assertThat(services).as("%s in %s", host, config.source())
                    .containsKey(host));
        });
    }

    @Test
    void kafkaListensWhereAndHowItsClientsConnect() {
        final Map<String, String> kafka = DeployFiles.environment(services.get("kafka"));
        final String advertised = kafka.get("KAFKA_ADVERTISED_LISTENERS");
        assertThat(advertised).isEqualTo("SASL_PLAINTEXT://kafka:9092");
        final String bootstrap = advertised.substring(advertised.indexOf("//") + 2);
        assertThat(kafka.get("KAFKA_SASL_ENABLED_MECHANISMS")).isEqualTo("PLAIN");
        assertThat(DeployFiles.mounts(services.get("kafka"))).as("the log folder is a volume")
                .anySatisfy(m -> assertThat(m.target()).isEqualTo(kafka.get("KAFKA_LOG_DIRS")));
        // Ditto's hono connections: user and bootstrap servers of this listener, PLAIN (Ditto's enum name)
        final Map<String, String> connectivity = DeployFiles.environment(services.get("connectivity"));
        assertThat(connectivity.get("HONO_CONNECTION_BOOTSTRAP_SERVERS")).isEqualTo(bootstrap);
        assertThat(connectivity.get("HONO_CONNECTION_URI")).isEqualTo("tcp://" + bootstrap);
        assertThat(connectivity.get("HONO_CONNECTION_SASL_MECHANISM")).isEqualTo("PLAIN");
        final String jaas = kafka.get("KAFKA_LISTENER_NAME_SASL__PLAINTEXT_PLAIN_SASL_JAAS_CONFIG");
        final String user = connectivity.get("HONO_CONNECTION_HONO_USERNAME");
        assertThat(jaas).contains("PlainLoginModule required").contains("user_" + user + "=\"");
        // Hono's components: the same listener, protocol and mechanism
        services.keySet().stream().filter(s -> s.startsWith("hono-") && !s.equals("hono-auth")).forEach(name -> {
            final Mount config = DeployFiles.mounts(services.get(name)).stream()
                    .filter(m -> m.target().equals("/opt/hono/config/application.yml")).findFirst().orElseThrow();
            final JsonNode client = DeployFiles.yaml(config.hostPath()).path("hono").path("kafka")
                    .path("commonClientConfig");
            assertThat(client.path("bootstrap.servers").asText()).as(name).isEqualTo(bootstrap);
            assertThat(client.path("security.protocol").asText()).as(name).isEqualTo("SASL_PLAINTEXT");
            assertThat(client.path("sasl.mechanism").asText()).as(name).isEqualTo("PLAIN");
            assertThat(client.path("sasl.jaas.config").asText()).as(name).contains("username=\"" + user + "\"");
        });
    }

    @Test
    void prometheusScrapesWhatExposesMetrics() {
        final JsonNode prometheus = DeployFiles.yaml(DeployFiles.composeDir().resolve("prometheus/prometheus.yml"));
        final Set<String> targets = new TreeSet<>();
        prometheus.path("scrape_configs").forEach(job -> job.path("static_configs")
                .forEach(sc -> sc.path("targets").forEach(t -> targets.add(t.asText()))));
        assertThat(targets).isNotEmpty();
        for (final String target : targets) {
            final String host = target.substring(0, target.indexOf(':'));
            assertThat(services).as(target).containsKey(host);
            assertThat(host).as("TwinLoop's processes expose no Prometheus metrics (README)")
                    .doesNotStartWith("twinloop-");
        }
        DittoEnvironment.SERVICES.keySet().forEach(service -> {
            final String port = DeployFiles.environment(services.get(service))
                    .getOrDefault("PROMETHEUS_PORT", String.valueOf(DittoEnvironment.PROMETHEUS_PORT));
            assertThat(targets).contains(service + ":" + port);
        });
    }

    @Test
    void secretsAreVariablesNotValues() {
        final String compose = DeployFiles.read(DeployFiles.composeDir().resolve("docker-compose.yml"));
        services.forEach((name, service) -> DeployFiles.environment(service).forEach((key, value) -> {
            if (key.contains("PASSWORD") || key.contains("SECRET")) {
                assertThat(value).as("%s of %s", key, name).matches("\\$\\{[A-Z0-9_]+:\\?[^}]*}");
            }
        }));
        assertThat(DeployFiles.composeVariables(compose)).contains("DITTO_DEVOPS_PASSWORD", "HONO_KAFKA_PASSWORD");
    }

    /** The compose file's twinloop services, parsed as the cli parses them. */
    private Map<String, TwinLoopCommandLine> twinLoopCommands() {
        final Map<String, TwinLoopCommandLine> commands = new HashMap<>();
        services.forEach((name, service) -> {
            final List<String> args = commandArgs(service);
            final int jar = args.indexOf(TWINLOOP_JAR);
            if (jar >= 0) {
                assertThat(args.subList(0, jar)).as(name).containsExactly("java", "-jar");
                commands.put(name, TwinLoopCommandLine.parse(args.subList(jar + 1, args.size())));
            }
        });
        return commands;
    }

    private static List<String> commandArgs(final JsonNode service) {
        final List<String> args = new ArrayList<>();
        service.path("command").forEach(a -> args.add(DeployFiles.interpolate(a.asText())));
        return args;
    }

    private static List<String> containerPorts(final JsonNode service) {
        final List<String> ports = new ArrayList<>();
        service.path("ports").forEach(p -> {
            final String text = DeployFiles.interpolate(p.asText());
            ports.add(text.substring(text.lastIndexOf(':') + 1));
        });
        return ports;
    }

    /** {@code ${NAME}} in a Hono application.yml (SmallRye Config expressions). */
    private static Set<String> referencedVariables(final String text) {
        final Set<String> names = new TreeSet<>();
        final Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}").matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Set<String> hostsIn(final JsonNode node) {
        final Set<String> hosts = new TreeSet<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("host")) {
                    hosts.add(e.getValue().asText());
                } else if (e.getKey().equals("bootstrap.servers")) {
                    for (final String server : e.getValue().asText().split(",")) {
                        hosts.add(server.trim().substring(0, server.trim().indexOf(':')));
                    }
                } else {
                    hosts.addAll(hostsIn(e.getValue()));
                }
            });
        }
        return hosts;
    }

    /** A file an operator made locally from the README's steps (ignored by git), not one in the repository. */
    private static boolean isIgnoredLocalFile(final Path file) {
        try {
            final Process git = new ProcessBuilder("git", "check-ignore", "-q", file.toString())
                    .directory(DeployFiles.repositoryRoot().toFile()).redirectErrorStream(true).start();
            git.getInputStream().readAllBytes();
            return git.waitFor() == 0;
        } catch (final IOException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The guard's settings resolved from an environment, as the things service resolves its configuration. */
    static final class GuardSettings {

        static GuardConfig asTheThingsServiceReadsThem(final Map<String, String> env, final Path keyRoot)
                throws IOException {
            final Map<String, Object> local = new HashMap<>(env);
            // the key folders are the operator's: empty stand-ins where the container would have them
            for (final String dir : List.of("TWINLOOP_GUARD_AGENT_KEYS_DIR", "TWINLOOP_GUARD_APPROVER_KEYS_DIR")) {
                if (local.containsKey(dir)) {
                    local.put(dir, Files.createDirectories(keyRoot.resolve(dir)).toString());
                }
            }
            // as Ditto resolves it: the block's ${?NAME} overrides look the names up at the root, where the
            // environment is (here a map instead of the process environment); only the guard block is resolved,
            // like GuardConfig.fromClassPath does, because the rest appends to lists only Ditto's things.conf has
            final Config block = ConfigFactory.parseString(DeployFiles.classPathText("things-extension.conf"))
                    .getConfig(GuardConfig.CONFIG_PATH).atPath(GuardConfig.CONFIG_PATH);
            final Config resolved = ConfigFactory.parseMap(local).withFallback(block)
                    .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false))
                    .getConfig(GuardConfig.CONFIG_PATH);
            return GuardConfig.fromConfig(resolved);
        }

        private GuardSettings() {
        }
    }
}
