package io.twinloop.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.ditto.connectivity.model.ConnectivityModelFactory;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Ditto's connection management on a real socket, in front of the embedded twin server (which has no
 * connectivity): everything else is forwarded to it, as Ditto's nginx serves both from one origin. It mirrors the
 * parts of Ditto's published API that {@code ditto provision} uses (Ditto docs "Manage connections" and "Manage
 * connections via Piggyback commands", HTTP API v2 "Connections"):
 * <ul>
 * <li>every connection request needs the devops user (HTTP basic), else 401 {@code gateway:authentication.failed};</li>
 * <li>{@code GET /api/2/connections/{id}}: 200 with the connection as Ditto's connectivity model renders it
 * (defaults filled in), or 404 {@code connectivity:connection.notfound};</li>
 * <li>{@code PUT /api/2/connections/{id}}: 204 for an existing connection, 404 for a missing one, 400 when the body's
 * id is another;</li>
 * <li>{@code POST /devops/piggyback/connectivity} with {@code connectivity.commands:createConnection}: 201 with
 * {@code {"type":"connectivity.responses:createConnection","status":201,"connection":…}}, or 409
 * {@code connectivity:connection.conflict} when the id exists; a body Ditto's model cannot read: 400.</li>
 * </ul>
 * Not mirrored: Ditto's asynchronous connection start and test, connection status, {@code POST /api/2/connections}.
 */
final class StandInConnectivity implements AutoCloseable {

    private final HttpServer server;
    private final URI twinServer;
    private final String devopsAuth;
    private final HttpClient forward = HttpClient.newHttpClient();
    private final Map<String, JsonObject> connections = new ConcurrentHashMap<>();
    private final List<String> writes = new CopyOnWriteArrayList<>();

    private StandInConnectivity(final URI twinServer, final String devopsUser, final String devopsPassword)
            throws IOException {
        this.twinServer = twinServer;
        this.devopsAuth = "Basic " + Base64.getEncoder().encodeToString((devopsUser + ":" + devopsPassword)
                .getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static StandInConnectivity start(final URI twinServer, final String devopsUser, final String devopsPassword)
            throws IOException {
        return new StandInConnectivity(twinServer, devopsUser, devopsPassword);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The connection writes received, e.g. {@code createConnection twinloop-hono-twinloop}. */
    List<String> writes() {
        return List.copyOf(writes);
    }

    JsonObject connection(final String id) {
        return connections.get(id);
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/api/2/connections") || path.startsWith("/devops/")) {
                connectivity(exchange, path);
            } else {
                forward(exchange);
            }
        }
    }

    private void connectivity(final HttpExchange exchange, final String path) throws IOException {
        if (!devopsAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, 401, "gateway:authentication.failed", "Unauthorized.");
            return;
        }
        final String method = exchange.getRequestMethod();
        final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.equals("/devops/piggyback/connectivity") && method.equals("POST")) {
            final JsonObject command = JsonFactory.newObject(body).getValue("piggybackCommand")
                    .map(v -> v.asObject()).orElseThrow();
            if (!"connectivity.commands:createConnection".equals(command.getValue("type").map(v -> v.asString())
                    .orElse(""))) {
                error(exchange, 400, "devops:piggybackcommand.notsupported", "Only createConnection here.");
                return;
            }
            final JsonObject connection;
            try {
                connection = rendered(command.getValue("connection").orElseThrow().asObject());
            } catch (RuntimeException e) {
                error(exchange, 400, "connectivity:connection.configuration.invalid", e.getMessage());
                return;
            }
            final String id = connection.getValue("id").orElseThrow().asString();
            if (connections.putIfAbsent(id, connection) != null) {
                error(exchange, 409, "connectivity:connection.conflict", "The Connection with ID '" + id
                        + "' already exists");
                return;
            }
            writes.add("createConnection " + id);
            send(exchange, 201, JsonObject.newBuilder().set("type", "connectivity.responses:createConnection")
                    .set("status", 201).set("connection", connection).build().toString());
            return;
        }
        final String id = URLDecoder.decode(path.substring("/api/2/connections/".length()), StandardCharsets.UTF_8);
        switch (method) {
            case "GET" -> {
                final JsonObject connection = connections.get(id);
                if (connection == null) {
                    notFound(exchange, id);
                } else {
                    send(exchange, 200, connection.toString());
                }
            }
            case "PUT" -> {
                if (!connections.containsKey(id)) {
                    notFound(exchange, id);
                    return;
                }
                final JsonObject connection = rendered(JsonFactory.newObject(body));
                if (!id.equals(connection.getValue("id").map(v -> v.asString()).orElse(id))) {
                    error(exchange, 400, "connectivity:connection.id.invalid", "The body's id is not " + id);
                    return;
                }
                connections.put(id, connection);
                writes.add("modifyConnection " + id);
                exchange.sendResponseHeaders(204, -1);
            }
            default -> error(exchange, 405, "gateway:method.notallowed", method + " not supported here");
        }
    }

    /** As Ditto stores and answers it: read by its connectivity model, rendered with its defaults. */
    private static JsonObject rendered(final JsonObject connection) {
        return ConnectivityModelFactory.connectionFromJson(connection).toJson();
    }

    private static void notFound(final HttpExchange exchange, final String id) throws IOException {
        error(exchange, 404, "connectivity:connection.notfound", "The Connection with ID '" + id
                + "' could not be found or requester had insufficient permissions to access it.");
    }

    private static void error(final HttpExchange exchange, final int status, final String code,
            final String message) throws IOException {
        send(exchange, status, JsonObject.newBuilder().set("status", status).set("error", code)
                .set("message", message).build().toString());
    }

    private static void send(final HttpExchange exchange, final int status, final String json) throws IOException {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void forward(final HttpExchange exchange) throws IOException {
        final byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        final HttpRequest.Builder request = HttpRequest.newBuilder(twinServer.resolve(
                        exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (final String header : List.of("Authorization", "Content-Type", "Accept", "If-Match", "If-None-Match",
                "requested-acks")) {
            final String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        final HttpResponse<byte[]> response;
        try {
            response = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        final List<String> copied = new ArrayList<>(List.of("Content-Type", "ETag", "Location"));
        for (final String header : copied) {
            response.headers().firstValue(header).ifPresent(v -> exchange.getResponseHeaders().set(header, v));
        }
        final byte[] out = response.body();
        exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
