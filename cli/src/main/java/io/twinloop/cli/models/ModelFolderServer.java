package io.twinloop.cli.models;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A folder of Thing Models over HTTP for a Ditto to fetch: {@code GET /<file>} answers the file as
 * {@code application/tm+json}; only plain file names of the folder itself, no listing, read-only, no
 * authentication (Ditto fetches models without credentials). The JDK's own HTTP server: models are small and
 * fetched rarely (Ditto caches them).
 */
public final class ModelFolderServer implements AutoCloseable {

    private static final Pattern FILE_NAME = Pattern.compile("/[A-Za-z0-9_][A-Za-z0-9._-]*");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path folder;

    private ModelFolderServer(final HttpServer server, final ExecutorService executor, final Path folder) {
        this.server = server;
        this.executor = executor;
        this.folder = folder;
    }

    public static ModelFolderServer start(final Path folder, final String host, final int port) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a folder: " + folder);
        }
        final HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        final ExecutorService executor = Executors.newFixedThreadPool(2);
        final ModelFolderServer models = new ModelFolderServer(server, executor, folder);
        server.createContext("/", models::handle);
        server.setExecutor(executor);
        server.start();
        return models;
    }

    public URI uri() {
        final InetSocketAddress address = server.getAddress();
        final String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort()
                + "/");
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                answer(exchange, 405, "application/json", "{\"status\":405,\"error\":\"method.notallowed\"}");
                return;
            }
            final String path = exchange.getRequestURI().getPath();
            final Path file = FILE_NAME.matcher(path).matches() && !path.contains("..")
                    ? folder.resolve(path.substring(1)) : null;
            if (file == null || !Files.isRegularFile(file)) {
                answer(exchange, 404, "application/json", "{\"status\":404,\"error\":\"wot:model.notfound\"}");
                return;
            }
            final byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type", "application/tm+json");
            exchange.sendResponseHeaders(200, "HEAD".equals(method) ? -1 : body.length);
            if (!"HEAD".equals(method)) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static void answer(final HttpExchange exchange, final int status, final String type, final String body)
            throws IOException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
