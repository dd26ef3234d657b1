package io.twinloop.twin.conformance;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.HttpWaitStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitAllStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * Eclipse Ditto started from its official Docker images through Testcontainers, laid out like Ditto's own
 * {@code deployment/docker/docker-compose.yml}: MongoDB, the policies, things, things-search and gateway services
 * in one Pekko cluster (found through the network alias {@code ditto-cluster}), and an nginx in front that does
 * HTTP basic authentication and hands the user to the gateway as {@code x-ditto-pre-authenticated: nginx:<user>}.
 * <p>
 * Why nginx and not the pre-authenticated header from the client: with it the suite talks to this Ditto exactly as
 * to one started with Ditto's docker-compose ({@code DITTO_URL}, user {@code ditto}/{@code ditto}, subject
 * {@code nginx:ditto}), so the same tests hold, including the 401s for wrong or missing credentials. Left out:
 * connectivity (the suite uses no connections), the UI and Swagger.
 * <p>
 * Started once per test run (it takes minutes) and stopped at its end.
 */
final class DockerDitto extends Backend {

    /** The Ditto release the images are pinned to; everything else follows from it. */
    static final String DITTO_VERSION = "3.8.12";

    /** What Ditto's docker-compose of that release uses. */
    private static final DockerImageName MONGO = DockerImageName.parse("mongo:7.0");
    private static final DockerImageName NGINX = DockerImageName.parse("nginx:1.27-alpine");

    /** Pulling the images and forming the cluster takes minutes on a small machine. */
    private static final Duration STARTUP = Duration.ofMinutes(8);

    /**
     * Per Ditto service: container limits like the compose file (2 processors, half of 512 MB as heap), no
     * split-brain downing (a one-machine cluster), and patience with slow starts of the other members.
     */
    private static final String JAVA_OPTIONS = String.join(" ",
            "-XX:ActiveProcessorCount=2", "-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=50",
            "-Dpekko.coordinated-shutdown.exit-jvm=on",
            "-Dpekko.cluster.shutdown-after-unsuccessful-join-seed-nodes=180s",
            "-Dpekko.cluster.downing-provider-class=",
            "-Dpekko.cluster.failure-detector.threshold=15.0",
            "-Dpekko.cluster.failure-detector.acceptable-heartbeat-pause=20s");
    private static final long SERVICE_MEMORY_BYTES = 512L * 1024 * 1024;

    /** nginx: basic auth from a password file, the user as Ditto's pre-authenticated subject, WebSocket upgrade. */
    private static final String NGINX_CONF = """
            events {}
            http {
              map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
              server {
                listen 80;
                auth_basic "TwinLoop conformance";
                auth_basic_user_file /etc/nginx/htpasswd;
                proxy_http_version 1.1;
                proxy_set_header Host $http_host;
                proxy_set_header x-ditto-pre-authenticated "nginx:$remote_user";
                proxy_buffering off;
                location /api {
                  proxy_pass http://gateway:8080;
                  proxy_set_header Connection '';
                  proxy_read_timeout 70s;
                }
                location /ws {
                  proxy_pass http://gateway:8080;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
                  proxy_read_timeout 1d;
                }
              }
            }
            """;

    /** An id nothing creates: asked for until Ditto can say that it does not exist. */
    private static final String PROBE = TwinTarget.NAMESPACE + ":docker-readiness-probe";

    private static Boolean dockerAvailable;

    private final Network network = Network.newNetwork();
    private final List<GenericContainer<?>> ditto;
    private final GenericContainer<?> nginx;

    private DockerDitto() {
        final GenericContainer<?> mongo = new GenericContainer<>(MONGO)
                .withNetwork(network).withNetworkAliases("mongodb")
                .withCommand("mongod", "--storageEngine", "wiredTiger", "--noscripting")
                .waitingFor(Wait.forLogMessage(".*Waiting for connections.*", 1).withStartupTimeout(STARTUP));
        ditto = List.of(mongo, service("policies"), service("things"), service("things-search"),
                service("gateway").withEnv("ENABLE_PRE_AUTHENTICATION", "true"));
        nginx = new GenericContainer<>(NGINX)
                .withNetwork(network)
                .withCopyToContainer(Transferable.of(NGINX_CONF), "/etc/nginx/nginx.conf")
                // nginx's own {PLAIN} scheme: this password guards a throw-away container
                .withCopyToContainer(Transferable.of(DEFAULT_USER + ":{PLAIN}" + DEFAULT_PASSWORD + "\n"),
                        "/etc/nginx/htpasswd")
                .withExposedPorts(80)
                .waitingFor(readiness());
    }

    /**
     * Starts the containers; on failure stops what was started.
     *
     * @throws IllegalStateException if Docker is missing (check {@link #isDockerAvailable()} first)
     */
    static DockerDitto start() {
        final DockerDitto started = new DockerDitto();
        try {
            Startables.deepStart(started.ditto.stream()).join();
            // after the gateway: nginx resolves its upstream's name when it starts
            started.nginx.start();
            return started;
        } catch (final RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** Whether a Docker engine answers; asked once per run (Testcontainers probes its whole configuration). */
    static synchronized boolean isDockerAvailable() {
        if (dockerAvailable == null) {
            dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
        }
        return dockerAvailable;
    }

    private GenericContainer<?> service(final String name) {
        return new GenericContainer<>(DockerImageName.parse("eclipse/ditto-" + name).withTag(DITTO_VERSION))
                .withNetwork(network)
                .withNetworkAliases(name, "ditto-cluster")
                .withEnv("BIND_HOSTNAME", "0.0.0.0")
                .withEnv("MONGO_DB_HOSTNAME", "mongodb")
                .withEnv("JAVA_TOOL_OPTIONS", JAVA_OPTIONS)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withMemory(SERVICE_MEMORY_BYTES));
    }

    /**
     * Ready when Ditto answers through nginx what a formed cluster answers: lookups reach the things and policies
     * services (404 with their not-found codes, not 503 or a gateway timeout), and search counts.
     */
    private static WaitAllStrategy readiness() {
        return new WaitAllStrategy()
                .withStrategy(answers("/api/2/things/" + PROBE, 404, "things:thing.notfound"))
                .withStrategy(answers("/api/2/policies/" + PROBE, 404, "policies:policy.notfound"))
                .withStrategy(answers("/api/2/search/things/count", 200, ""))
                .withStartupTimeout(STARTUP);
    }

    private static HttpWaitStrategy answers(final String path, final int status, final String bodyPart) {
        return Wait.forHttp(path).withBasicCredentials(DEFAULT_USER, DEFAULT_PASSWORD).forStatusCode(status)
                .forResponsePredicate(body -> body.contains(bodyPart));
    }

    @Override String name() { return "ditto " + DITTO_VERSION + " in Docker"; }

    @Override URI uri() { return URI.create("http://" + nginx.getHost() + ":" + nginx.getMappedPort(80)); }

    @Override String username() { return DEFAULT_USER; }

    @Override String password() { return DEFAULT_PASSWORD; }

    @Override boolean isRealDitto() { return true; }

    @Override
    public void close() {
        // stop() is a no-op for a container that never started
        Stream.concat(Stream.of(nginx), ditto.stream()).forEach(GenericContainer::stop);
        network.close();
    }
}
