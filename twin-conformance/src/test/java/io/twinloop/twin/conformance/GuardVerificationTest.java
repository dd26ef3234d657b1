package io.twinloop.twin.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.typesafe.config.ConfigFactory;

import io.twinloop.ditto.guard.DesiredWrite;
import io.twinloop.ditto.guard.GuardConfig;
import io.twinloop.ditto.guard.Operation;
import io.twinloop.ditto.guard.WriteSigner;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * Issue 7's verification of the desired-write guard where it runs: an unsigned high-impact desired write by the
 * agent is refused, a signed one without the operator's approval too, a signed and approved one is accepted, and its
 * signature does not apply twice. The same steps run against the embedded twin server (always, configured with key
 * files as a Ditto is) and against a real Ditto 3.8 with the extension loaded when the environment describes one:
 * the procedure to set that up is in the ditto-extension README ("Verification on a real Ditto").
 */
class GuardVerificationTest {

    private static final String AGENT = "optimizer";
    private static final String APPROVER = "alice";
    private static final String HIGH_IMPACT = "/features/*/desiredProperties/Mode";
    /** Key files below the keys folder: the agent's pair in one, the approvers' in another (the guard's two lists). */
    private static final String AGENTS = "agents";
    private static final String APPROVERS = "approvers";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Where the steps run: the API, the owner and the agent users, and the key files of agent and approver. */
    record Target(URI uri, String owner, String ownerPassword, String agentUser, String agentPassword, Path keys,
            String approver) {}

    @Test
    void onTheEmbeddedTwinServer(@TempDir final Path data, @TempDir final Path keys) throws Exception {
        writeKeyPair(Files.createDirectories(keys.resolve(AGENTS)), AGENT);
        writeKeyPair(Files.createDirectories(keys.resolve(APPROVERS)), APPROVER);
        // the guard's settings as a Ditto things service gets them (TWINLOOP_GUARD_* in the README's procedure)
        final GuardConfig guard = GuardConfig.fromConfig(ConfigFactory.parseString(String.join("\n",
                "agent-subjects = \"" + AGENT + "=nginx:" + AGENT + "\"",
                "agent-keys-directory = " + quoted(keys.resolve(AGENTS)),
                "approver-keys-directory = " + quoted(keys.resolve(APPROVERS)),
                "high-impact-paths = \"" + HIGH_IMPACT + "\"")));
        try (TwinServer server = TwinServer.start(TwinServerConfig.of(data).withUser("owner", "owner")
                .withUser(AGENT, AGENT).withGuard(guard)).get(30, TimeUnit.SECONDS)) {
            verify(new Target(server.httpUri(), "owner", "owner", AGENT, AGENT, keys, APPROVER));
        }
    }

    @Test
    void onARealDittoWithTheExtension() throws Exception {
        final List<String> needed = List.of("DITTO_URL", "DITTO_USERNAME", "DITTO_PASSWORD", "TWINLOOP_VERIFY_AGENT_USER",
                "TWINLOOP_VERIFY_AGENT_PASSWORD", "TWINLOOP_VERIFY_KEYS", "TWINLOOP_VERIFY_APPROVER");
        final List<String> missing = needed.stream().filter(name -> System.getenv(name) == null).toList();
        Assumptions.assumeTrue(missing.isEmpty(), "no Ditto with the TwinLoop extension described (unset: "
                + String.join(", ", missing) + "); see the ditto-extension README, Verification on a real Ditto");
        verify(new Target(URI.create(System.getenv("DITTO_URL")), System.getenv("DITTO_USERNAME"),
                System.getenv("DITTO_PASSWORD"), System.getenv("TWINLOOP_VERIFY_AGENT_USER"),
                System.getenv("TWINLOOP_VERIFY_AGENT_PASSWORD"), Path.of(System.getenv("TWINLOOP_VERIFY_KEYS")),
                System.getenv("TWINLOOP_VERIFY_APPROVER")));
    }

    private static void verify(final Target target) throws Exception {
        final String thingId = "twinloop.verify:guard-" + UUID.randomUUID();
        final WriteSigner agent = WriteSigner.fromKeyDirectory(target.keys().resolve(AGENTS), AGENT);
        final WriteSigner approver = WriteSigner.fromKeyDirectory(target.keys().resolve(APPROVERS), target.approver());
        final String policy = "{\"entries\":{"
                + "\"OWNER\":{\"subjects\":{\"nginx:" + target.owner() + "\":{\"type\":\"user\"}},\"resources\":{"
                + "\"thing:/\":{\"grant\":[\"READ\",\"WRITE\"],\"revoke\":[]},"
                + "\"policy:/\":{\"grant\":[\"READ\",\"WRITE\"],\"revoke\":[]}}},"
                + "\"AGENT\":{\"subjects\":{\"nginx:" + target.agentUser() + "\":{\"type\":\"agent\"}},\"resources\":{"
                + "\"thing:/\":{\"grant\":[\"READ\"],\"revoke\":[]},"
                + "\"thing:/features/spindle/desiredProperties\":{\"grant\":[\"WRITE\"],\"revoke\":[]}}}}}";
        final HttpResponse<String> created = send(target, false, "PUT", thingId, "{\"_policy\":" + policy
                + ",\"features\":{\"spindle\":{\"properties\":{\"Mode\":\"eco\"},\"desiredProperties\":{}}}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        try {
            final JsonObject patch = JsonObject.of("{\"features\":{\"spindle\":{\"desiredProperties\":"
                    + "{\"Mode\":\"boost\"}}}}");
            final DesiredWrite write = DesiredWrite.of(thingId, Operation.MERGE, JsonPointer.empty(), patch)
                    .orElseThrow();

            final HttpResponse<String> unsigned = merge(target, thingId, patch, Map.of("If-Match", "\"rev:1\""));
            assertRefused(unsigned, "UNSIGNED");

            final Map<String, String> signed = agent.sign(write, 1, "verify-1", Optional.empty());
            assertRefused(merge(target, thingId, patch, signed), "MISSING_APPROVAL");

            final Map<String, String> approved = approver.approve(write, signed);
            final HttpResponse<String> accepted = merge(target, thingId, patch, approved);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(204);
            assertThat(desiredMode(target, thingId)).isEqualTo(JsonValue.of("boost"));

            // the same signed write again: its revision is gone, so neither the guard nor If-Match lets it through
            final HttpResponse<String> replayed = merge(target, thingId, patch, approved);
            assertThat(replayed.statusCode()).as(replayed.body()).isIn(403, 412);
        } finally {
            send(target, false, "DELETE", thingId, null);
            send(target, false, "DELETE", "/policies/" + thingId, null);
        }
    }

    private static JsonValue desiredMode(final Target target, final String thingId) throws Exception {
        final HttpResponse<String> read = send(target, false, "GET",
                thingId + "/features/spindle/desiredProperties/Mode", null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        return JsonFactory.readFrom(read.body());
    }

    private static HttpResponse<String> merge(final Target target, final String thingId, final JsonObject patch,
            final Map<String, String> headers) throws Exception {
        final List<String> flat = new ArrayList<>();
        headers.forEach((name, value) -> {
            flat.add(name);
            flat.add(value);
        });
        return send(target, true, "PATCH", thingId, patch.toString(), flat.toArray(String[]::new));
    }

    /** A request as owner or agent; a path starting with '/' is below /api/2, else below /api/2/things/. */
    private static HttpResponse<String> send(final Target target, final boolean asAgent, final String method,
            final String path, final String body, final String... headers) throws Exception {
        final String credentials = asAgent ? target.agentUser() + ":" + target.agentPassword()
                : target.owner() + ":" + target.ownerPassword();
        final String base = target.uri().toString().replaceAll("/+$", "") + "/api/2";
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base
                        + (path.startsWith("/") ? path : "/things/" + path)))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "PATCH".equals(method) ? "application/merge-patch+json"
                    : "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(final HttpResponse<String> response, final String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        final JsonObject error = JsonFactory.newObject(response.body());
        assertThat(error.getValue("error").map(JsonValue::asString))
                .contains("things:feature.desiredProperties.notmodifiable");
        assertThat(error.getValue("description").map(JsonValue::asString).orElse(""))
                .endsWith("(twinloop guard: " + code + ")");
    }

    private static String quoted(final Path path) {
        return JsonValue.of(path.toString()).toString();
    }

    /** PEM files as {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout} write them. */
    private static void writeKeyPair(final Path directory, final String name) throws Exception {
        final KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.writeString(directory.resolve(name + ".key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(directory.resolve(name + ".pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    private static String pem(final String type, final byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
