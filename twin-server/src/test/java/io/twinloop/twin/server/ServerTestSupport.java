package io.twinloop.twin.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.io.TempDir;

/** Starts a real server on an ephemeral port in a temporary directory and talks to it over real sockets. */
abstract class ServerTestSupport {

    static final String USER = "alice";
    static final String PASSWORD = "secret";
    static final String THING = "org.example:machine-1";
    /** A policy giving {@link #USER} everything. */
    static final String OWNER_POLICY = "{\"entries\":{\"OWNER\":{\"subjects\":{\"nginx:" + USER + "\":{\"type\":\"user\"}},"
            + "\"resources\":{\"thing:/\":{\"grant\":[\"READ\",\"WRITE\"],\"revoke\":[]},"
            + "\"policy:/\":{\"grant\":[\"READ\",\"WRITE\"],\"revoke\":[]}}}}}";

    @TempDir
    Path dataDirectory;
    TwinServer server;
    private String authorization = basic(USER, PASSWORD);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TwinServerConfig config() {
        return TwinServerConfig.of(dataDirectory).withUser(USER, PASSWORD);
    }

    @BeforeEach
    void startServer() throws Exception {
        server = TwinServer.start(config()).get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    void restart() throws Exception {
        server.close();
        server = TwinServer.start(config()).get(30, TimeUnit.SECONDS);
    }

    /** @param path relative to {@code /api/2/things/}, or to {@code /api/2} if it starts with a slash */
    HttpRequest.Builder request(final String path) {
        final String under = path.startsWith("/") ? "/api/2" : "/api/2/things/";
        return HttpRequest.newBuilder(URI.create(server.httpUri() + under + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization);
    }

    /** Runs {@code call} with the request helpers authenticating as {@code user} instead of {@link #USER}. */
    <T> T as(final String user, final String password, final ThrowingSupplier<T> call) throws Throwable {
        final String before = authorization;
        authorization = basic(user, password);
        try {
            return call.get();
        } finally {
            authorization = before;
        }
    }

    static String basic(final String user, final String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(final HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(final String path, final String... headers) throws Exception {
        final var builder = request(path).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    HttpResponse<String> put(final String path, final String json, final String... headers) throws Exception {
        final var builder = request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    HttpResponse<String> patch(final String path, final String json, final String... headers) throws Exception {
        final var builder = request(path).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    HttpResponse<String> delete(final String path, final String... headers) throws Exception {
        final var builder = request(path).DELETE();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    static JsonObject json(final HttpResponse<String> response) {
        return JsonFactory.readFrom(response.body()).asObject();
    }

    static JsonValue value(final HttpResponse<String> response) {
        return JsonFactory.readFrom(response.body());
    }

    static String etag(final HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElse(null);
    }

    static String error(final HttpResponse<String> response) {
        return json(response).getValue("error").map(JsonValue::asString).orElse(null);
    }

    void createThing() throws Exception {
        final var response = put(THING, "{\"attributes\":{\"location\":\"hall 1\"},"
                + "\"features\":{\"spindle\":{\"properties\":{\"speed\":1200},\"desiredProperties\":{\"speed\":1500}}}}");
        if (response.statusCode() != 201) {
            throw new AssertionError("create failed: " + response.statusCode() + " " + response.body());
        }
    }
}
