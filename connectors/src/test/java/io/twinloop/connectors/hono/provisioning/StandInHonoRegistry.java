package io.twinloop.connectors.hono.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Hono's device registry, on a real socket, following the published Device Registry Management API
 * ({@code device-registry-v1.yaml}, v1.13) for the operations TwinLoop uses, as Hono's own registries implement it:
 * tenants, devices and credentials by id; 201 with {@code Location}/{@code ETag} on create, 204 with a new {@code ETag}
 * on update, 404 for unknown resources (and for a device of an unknown tenant), 409 when a tenant or device exists
 * or an auth-id is taken in the tenant, 412 when {@code If-Match} is not the current version, 400 for ids outside
 * Hono's default patterns, a missing JSON content type or malformed credentials, 401 without the configured basic
 * auth; error bodies {@code {"error": "..."}}. Credentials run in patch mode, like Hono's MongoDB and JDBC registries:
 * secrets are stored hashed with an id, a GET returns metadata only, a secret sent without id replaces the
 * credential's secrets, one sent with an id keeps its confidential part. A new device has an empty credentials set.
 * Tests can make the next matching request fail ({@link #failNext}) and read what was asked ({@link #requests()}).
 * Public, and shipped in the module's test jar, for the command line's tests.
 */
public final class StandInHonoRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TENANT_ID = Pattern.compile("^[a-zA-Z0-9-_.]+$");
    private static final Pattern DEVICE_ID = Pattern.compile("^[a-zA-Z0-9-_.:=]+$");
    private static final Pattern AUTH_ID = Pattern.compile("^[a-zA-Z0-9-_=.]+$");

    private final HttpServer server;
    private final Optional<String> authorization;
    private final Map<String, Versioned> tenants = new LinkedHashMap<>();
    private final Map<String, Versioned> devices = new LinkedHashMap<>();
    private final Map<String, Versioned> credentials = new HashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final SecureRandom random = new SecureRandom();

    private static final class Versioned {
        JsonNode body;
        String version = UUID.randomUUID().toString();

        Versioned(final JsonNode body) {
            this.body = body;
        }

        void replace(final JsonNode newBody) {
            body = newBody;
            version = UUID.randomUUID().toString();
        }
    }

    private record Failure(String method, String pathPrefix, int status) {
    }

    private record Answer(int status, JsonNode body, String etag, String location) {
        static Answer error(final int status, final String message) {
            return new Answer(status, JSON.createObjectNode().put("error", message), null, null);
        }
    }

    private StandInHonoRegistry(final HttpServer server, final Optional<String> authorization) {
        this.server = server;
        this.authorization = authorization;
    }

    public static StandInHonoRegistry start() throws IOException {
        return start(null, null);
    }

    /** With basic authentication required when {@code user} is not null. */
    public static StandInHonoRegistry start(final String user, final String password) throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        final StandInHonoRegistry registry = new StandInHonoRegistry(server, Optional.ofNullable(user).map(u -> "Basic "
                + Base64.getEncoder().encodeToString((u + ":" + password).getBytes(StandardCharsets.UTF_8))));
        server.createContext("/", registry::handle);
        server.start();
        return registry;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** {@code METHOD /v1/...} of every request so far. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The requests so far that were not GETs. */
    public List<String> writes() {
        return requests.stream().filter(r -> !r.startsWith("GET ")).toList();
    }

    public void clearRequests() {
        requests.clear();
    }

    /** The next request with this method whose path starts with the prefix is answered with this status. */
    public synchronized void failNext(final String method, final String pathPrefix, final int status) {
        failures.add(new Failure(method, pathPrefix, status));
    }

    public synchronized Optional<JsonNode> registration(final String tenantId, final String deviceId) {
        return Optional.ofNullable(devices.get(tenantId + "/" + deviceId)).map(v -> v.body.deepCopy());
    }

    public synchronized boolean hasTenant(final String tenantId) {
        return tenants.containsKey(tenantId);
    }

    /** The credentials as stored (with hashes), as an operator's tools might see them in the database. */
    public synchronized ArrayNode storedCredentials(final String tenantId, final String deviceId) {
        return (ArrayNode) credentials.get(tenantId + "/" + deviceId).body.deepCopy();
    }

    /** Whether the device with this auth-id in the tenant would be let in with the password (as Hono's adapters). */
    public synchronized boolean checkPassword(final String tenantId, final String authId, final String password) {
        for (final Map.Entry<String, Versioned> entry : credentials.entrySet()) {
            if (!entry.getKey().startsWith(tenantId + "/")) {
                continue;
            }
            for (final JsonNode credential : entry.getValue().body) {
                if ("hashed-password".equals(credential.path("type").asText())
                        && authId.equals(credential.path("auth-id").asText())) {
                    for (final JsonNode secret : credential.path("secrets")) {
                        if (hash(secret.path("salt").asText(), password).equals(secret.path("pwd-hash").asText())) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(final HttpExchange exchange) throws IOException {
        final String method = exchange.getRequestMethod();
        final String path = exchange.getRequestURI().getPath();
        requests.add(method + " " + path);
        final byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Answer answer;
        try {
            answer = answer(exchange, method, path, body);
        } catch (RuntimeException e) {
            answer = Answer.error(500, "stand-in failed: " + e);
        }
        if (answer.status() == 401) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Hono\"");
        }
        if (answer.etag() != null) {
            exchange.getResponseHeaders().add("ETag", answer.etag());
        }
        if (answer.location() != null) {
            exchange.getResponseHeaders().add("Location", answer.location());
        }
        if (answer.body() == null) {
            exchange.sendResponseHeaders(answer.status(), -1);
        } else {
            final byte[] bytes = JSON.writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private synchronized Answer answer(final HttpExchange exchange, final String method, final String path,
            final byte[] body) {
        if (authorization.isPresent()
                && !authorization.get().equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return Answer.error(401, "unauthorized");
        }
        for (final Failure failure : failures) {
            if (failure.method().equals(method) && path.startsWith(failure.pathPrefix())) {
                failures.remove(failure);
                return Answer.error(failure.status(), "injected failure " + failure.status());
            }
        }
        final String[] parts = path.split("/");
        // "", "v1", resource, tenant[, device]
        if (parts.length < 4 || !"v1".equals(parts[1])) {
            return Answer.error(404, "no such resource");
        }
        final JsonNode json;
        if (body.length > 0) {
            final String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.startsWith("application/json")) {
                return Answer.error(400, "request body must be application/json");
            }
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                return Answer.error(400, "malformed JSON: " + e.getMessage());
            }
        } else {
            json = null;
        }
        final String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
        final String tenantId = parts[3];
        if ("tenants".equals(parts[2]) && parts.length == 4) {
            return tenant(method, tenantId, json, ifMatch);
        }
        if (parts.length != 5) {
            return Answer.error(404, "no such resource");
        }
        final String deviceId = parts[4];
        return switch (parts[2]) {
            case "devices" -> device(method, tenantId, deviceId, json, ifMatch);
            case "credentials" -> credentials(method, tenantId, deviceId, json, ifMatch);
            default -> Answer.error(404, "no such resource");
        };
    }

    private Answer tenant(final String method, final String tenantId, final JsonNode json, final String ifMatch) {
        final Versioned tenant = tenants.get(tenantId);
        switch (method) {
            case "GET":
                return tenant == null ? Answer.error(404, "no such tenant")
                        : new Answer(200, tenant.body, tenant.version, null);
            case "POST":
                if (!TENANT_ID.matcher(tenantId).matches()) {
                    return Answer.error(400, "tenant ID does not match pattern");
                }
                if (tenant != null) {
                    return Answer.error(409, "tenant with given identifier already exists");
                }
                if (json != null && !json.isObject()) {
                    return Answer.error(400, "tenant must be a JSON object");
                }
                final Versioned created = new Versioned(json == null ? JSON.createObjectNode() : json);
                tenants.put(tenantId, created);
                return new Answer(201, JSON.createObjectNode().put("id", tenantId), created.version,
                        "/v1/tenants/" + tenantId);
            default:
                return Answer.error(405, "method not allowed");
        }
    }

    private Answer device(final String method, final String tenantId, final String deviceId, final JsonNode json,
            final String ifMatch) {
        final String key = tenantId + "/" + deviceId;
        final Versioned device = devices.get(key);
        switch (method) {
            case "GET":
                return device == null ? Answer.error(404, "no such device")
                        : new Answer(200, device.body, device.version, null);
            case "POST": {
                if (!tenants.containsKey(tenantId)) {
                    return Answer.error(404, "tenant not found");
                }
                if (!DEVICE_ID.matcher(deviceId).matches()) {
                    return Answer.error(400, "device ID does not match pattern");
                }
                if (device != null) {
                    return Answer.error(409, "device with given identifier already exists");
                }
                if (json != null && (!json.isObject() || json.has("status"))) {
                    return Answer.error(400, "malformed device registration");
                }
                final ObjectNode stored = json == null ? JSON.createObjectNode() : ((ObjectNode) json).deepCopy();
                stored.putObject("status").put("created", "2026-11-22T00:00:00Z");
                final Versioned created = new Versioned(stored);
                devices.put(key, created);
                credentials.put(key, new Versioned(JSON.createArrayNode()));
                return new Answer(201, JSON.createObjectNode().put("id", deviceId), created.version,
                        "/v1/devices/" + key);
            }
            case "PUT": {
                if (device == null) {
                    return Answer.error(404, "no such device");
                }
                if (ifMatch != null && !ifMatch.equals(device.version)) {
                    return Answer.error(412, "resource version mismatch");
                }
                if (json == null || !json.isObject() || json.has("status")) {
                    return Answer.error(400, "malformed device registration");
                }
                final ObjectNode stored = ((ObjectNode) json).deepCopy();
                final ObjectNode status = device.body.path("status").isObject()
                        ? ((ObjectNode) device.body.get("status")).deepCopy() : JSON.createObjectNode();
                stored.set("status", status.put("updated", "2026-11-22T00:00:01Z"));
                device.replace(stored);
                return new Answer(204, null, device.version, null);
            }
            default:
                return Answer.error(405, "method not allowed");
        }
    }

    private Answer credentials(final String method, final String tenantId, final String deviceId, final JsonNode json,
            final String ifMatch) {
        final Versioned stored = credentials.get(tenantId + "/" + deviceId);
        if (stored == null) {
            return Answer.error(404, "no such device");
        }
        switch (method) {
            case "GET":
                return new Answer(200, metadataOnly((ArrayNode) stored.body), stored.version, null);
            case "PUT": {
                if (ifMatch != null && !ifMatch.equals(stored.version)) {
                    return Answer.error(412, "resource version mismatch");
                }
                if (json == null || !json.isArray()) {
                    return Answer.error(400, "credentials must be a JSON array");
                }
                final ArrayNode result = JSON.createArrayNode();
                final java.util.Set<String> seen = new java.util.HashSet<>();
                for (final JsonNode update : json) {
                    final String type = update.path("type").asText("");
                    final String authId = update.path("auth-id").asText("");
                    if (type.isEmpty() || authId.isEmpty() || !update.path("secrets").isArray()
                            || update.path("secrets").isEmpty()) {
                        return Answer.error(400, "credentials need type, auth-id and secrets");
                    }
                    if (!seen.add(type + "/" + authId)) {
                        return Answer.error(400, "duplicate credentials for " + type + "/" + authId);
                    }
                    if ("hashed-password".equals(type) && !AUTH_ID.matcher(authId).matches()) {
                        return Answer.error(400, "auth-id does not match pattern");
                    }
                    if (authIdTakenByOther(tenantId, deviceId, type, authId)) {
                        return Answer.error(409, "credentials with auth-id " + authId + " already exist in tenant");
                    }
                    final JsonNode existing = find((ArrayNode) stored.body, type, authId);
                    final ObjectNode merged = ((ObjectNode) update).deepCopy();
                    final ArrayNode secrets = merged.putArray("secrets");
                    for (final JsonNode secret : update.path("secrets")) {
                        final ObjectNode newSecret = ((ObjectNode) secret).deepCopy();
                        if (secret.has("id")) {
                            final JsonNode old = existing == null ? null
                                    : findSecret(existing.path("secrets"), secret.path("id").asText());
                            if (old == null) {
                                return Answer.error(400, "no secret with id " + secret.path("id").asText());
                            }
                            final ObjectNode base = ((ObjectNode) old).deepCopy();
                            base.setAll(newSecret);
                            secrets.add(hashPlain(base));
                        } else if ("hashed-password".equals(type)) {
                            if (!secret.hasNonNull("pwd-plain") && !secret.hasNonNull("pwd-hash")) {
                                return Answer.error(400, "a password secret needs pwd-plain or pwd-hash");
                            }
                            newSecret.put("id", UUID.randomUUID().toString());
                            secrets.add(hashPlain(newSecret));
                        } else {
                            newSecret.put("id", UUID.randomUUID().toString());
                            secrets.add(newSecret);
                        }
                    }
                    result.add(merged);
                }
                stored.replace(result);
                return new Answer(204, null, stored.version, null);
            }
            default:
                return Answer.error(405, "method not allowed");
        }
    }

    /** Adds a credential as if an operator had set it up earlier (e.g. a PSK), bypassing the API. */
    public synchronized void addCredentialDirectly(final String tenantId, final String deviceId,
            final ObjectNode credential) {
        final Versioned stored = credentials.get(tenantId + "/" + deviceId);
        final ArrayNode copy = ((ArrayNode) stored.body).deepCopy();
        final ObjectNode added = credential.deepCopy();
        for (final JsonNode secret : added.path("secrets")) {
            ((ObjectNode) secret).put("id", UUID.randomUUID().toString());
        }
        copy.add(added);
        stored.replace(copy);
    }

    /** Changes a registration as if an operator had, bypassing the API. */
    public synchronized void replaceRegistrationDirectly(final String tenantId, final String deviceId,
            final ObjectNode registration) {
        devices.get(tenantId + "/" + deviceId).replace(registration.deepCopy());
    }

    private boolean authIdTakenByOther(final String tenantId, final String deviceId, final String type,
            final String authId) {
        for (final Map.Entry<String, Versioned> entry : credentials.entrySet()) {
            if (entry.getKey().startsWith(tenantId + "/") && !entry.getKey().equals(tenantId + "/" + deviceId)
                    && find((ArrayNode) entry.getValue().body, type, authId) != null) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode hashPlain(final ObjectNode secret) {
        if (secret.hasNonNull("pwd-plain")) {
            final byte[] salt = new byte[8];
            random.nextBytes(salt);
            final String saltText = Base64.getEncoder().encodeToString(salt);
            secret.put("hash-function", "sha-256");
            secret.put("salt", saltText);
            secret.put("pwd-hash", hash(saltText, secret.get("pwd-plain").asText()));
            secret.remove("pwd-plain");
        }
        return secret;
    }

    private static String hash(final String salt, final String password) {
        try {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Base64.getDecoder().decode(salt));
            return Base64.getEncoder().encodeToString(digest.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
            return "";
        }
    }

    /** Patch mode: what a GET shows, without the confidential properties. */
    private static ArrayNode metadataOnly(final ArrayNode stored) {
        final ArrayNode result = stored.deepCopy();
        for (final JsonNode credential : result) {
            for (final JsonNode secret : credential.path("secrets")) {
                ((ObjectNode) secret).remove(List.of("pwd-hash", "salt", "hash-function", "key", "pwd-plain"));
            }
        }
        return result;
    }

    private static JsonNode find(final ArrayNode credentials, final String type, final String authId) {
        for (final JsonNode credential : credentials) {
            if (type.equals(credential.path("type").asText()) && authId.equals(credential.path("auth-id").asText())) {
                return credential;
            }
        }
        return null;
    }

    private static JsonNode findSecret(final JsonNode secrets, final String id) {
        final List<JsonNode> found = new ArrayList<>();
        secrets.forEach(secret -> {
            if (id.equals(secret.path("id").asText())) {
                found.add(secret);
            }
        });
        return found.isEmpty() ? null : found.get(0);
    }
}
