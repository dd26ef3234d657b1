package io.twinloop.connectors.hono.provisioning;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The operations of Hono's Device Registry Management API (v1, {@code device-registry-v1.yaml}) that provisioning
 * needs, each with the statuses the API documents for it: reads answer a resource with its {@code ETag} or nothing
 * (404); writes succeed with 201 (create) or 204 (update) and send {@code If-Match} with the version read, so that a
 * change by someone else in between is answered 412 rather than overwritten. Any other answer is a
 * {@link RegistryException} with Hono's {@code error} text.
 */
public final class HonoRegistryClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_TEXT = 300;

    private final HonoRegistryConfig config;
    private final HttpClient http;
    private final Optional<String> authorization;

    private HonoRegistryClient(final HonoRegistryConfig config) {
        this.config = config;
        // HTTP/1.1: Hono's registry is a Vert.x server; no h2c upgrade dance on plain http
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout()).build();
        this.authorization = config.user().map(user -> "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + config.password()).getBytes(StandardCharsets.UTF_8)));
    }

    public static HonoRegistryClient of(final HonoRegistryConfig config) {
        return new HonoRegistryClient(config);
    }

    public HonoRegistryConfig config() {
        return config;
    }

    /** A resource as the registry returned it, with its version. */
    public record Resource(JsonNode body, Optional<String> etag) {
    }

    public Optional<Resource> tenant(final String tenantId) {
        return read("/tenants/" + tenantId);
    }

    /** Creates a tenant with Hono's defaults; {@code false} if it exists already (409). */
    public boolean createTenant(final String tenantId) {
        final String path = "/tenants/" + tenantId;
        final Answer answer = send("POST", path, JSON.createObjectNode(), Optional.empty());
        if (answer.status() == 201) {
            return true;
        }
        if (answer.status() == 409) {
            return false;
        }
        throw answer.failure();
    }

    public Optional<Resource> device(final String tenantId, final String deviceId) {
        return read("/devices/" + tenantId + "/" + deviceId);
    }

    public void createDevice(final String tenantId, final String deviceId, final ObjectNode registration) {
        expect(send("POST", "/devices/" + tenantId + "/" + deviceId, registration, Optional.empty()), 201);
    }

    public void updateDevice(final String tenantId, final String deviceId, final ObjectNode registration,
            final Optional<String> version) {
        expect(send("PUT", "/devices/" + tenantId + "/" + deviceId, registration, version), 204);
    }

    public Optional<Resource> credentials(final String tenantId, final String deviceId) {
        return read("/credentials/" + tenantId + "/" + deviceId);
    }

    /** Replaces the device's credentials set (in a patch-mode registry, secrets with an {@code id} are kept). */
    public void setCredentials(final String tenantId, final String deviceId, final ArrayNode credentials,
            final Optional<String> version) {
        expect(send("PUT", "/credentials/" + tenantId + "/" + deviceId, credentials, version), 204);
    }

    private Optional<Resource> read(final String path) {
        final Answer answer = send("GET", path, null, Optional.empty());
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (answer.status() != 200) {
            throw answer.failure();
        }
        final JsonNode body;
        try {
            body = answer.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw RegistryException.answered(answer.request(), 200, "the body is not JSON: " + e.getOriginalMessage());
        }
        return Optional.of(new Resource(body, answer.etag()));
    }

    private static void expect(final Answer answer, final int status) {
        if (answer.status() != status) {
            throw answer.failure();
        }
    }

    private Answer send(final String method, final String path, final JsonNode body, final Optional<String> ifMatch) {
        final String request = method + " " + "/v1" + path;
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(config.apiRoot() + path))
                .timeout(config.requestTimeout()).header("Accept", "application/json");
        authorization.ifPresent(value -> builder.header("Authorization", value));
        ifMatch.ifPresent(version -> builder.header("If-Match", version));
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        try {
            final HttpResponse<String> response = http.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(request, response.statusCode(), response.headers().firstValue("ETag"),
                    response.body() == null ? "" : response.body());
        } catch (IOException e) {
            throw RegistryException.unreachable(request, config.baseUri().toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.unreachable(request, config.baseUri().toString(), e);
        }
    }

    private record Answer(String request, int status, Optional<String> etag, String body) {

        RegistryException failure() {
            return RegistryException.answered(request, status, errorText(body));
        }

        /** Hono's error body is {@code {"error": "..."}}; anything else is quoted, shortened. */
        private static String errorText(final String body) {
            if (body.isBlank()) {
                return "";
            }
            try {
                final JsonNode node = JSON.readTree(body);
                if (node.path("error").isTextual()) {
                    return node.path("error").asText();
                }
            } catch (JsonProcessingException e) {
                // not JSON: quote it as it is
            }
            final String text = body.strip();
            return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "...";
        }
    }
}
