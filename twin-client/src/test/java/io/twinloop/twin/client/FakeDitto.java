package io.twinloop.twin.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A real socket answering canned, Ditto-shaped responses, recording what the client sent.
 * Just enough to check the wire format; the Ditto semantics are checked by the conformance suite.
 */
final class FakeDitto implements AutoCloseable {

    record Recorded(String method, String rawPath, String rawQuery, Headers headers, String body) {
        String header(final String name) {
            return headers.getFirst(name);
        }
    }

    record Canned(int status, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
    private volatile Canned next = new Canned(200, Map.of(), "{}");

    FakeDitto() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                final URI uri = exchange.getRequestURI();
                requests.add(new Recorded(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                        exchange.getRequestHeaders(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                final Canned canned = next;
                canned.headers().forEach(exchange.getResponseHeaders()::add);
                final byte[] body = canned.body().getBytes(StandardCharsets.UTF_8);
                if (!canned.headers().containsKey("Content-Type") && body.length > 0) {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                }
                exchange.sendResponseHeaders(canned.status(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeDitto answer(final int status, final String body, final String... headerPairs) {
        final Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        next = new Canned(status, headers, body);
        return this;
    }

    Recorded lastRequest() throws InterruptedException {
        final Recorded r = requests.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request arrived");
        }
        return r;
    }

    List<Recorded> drained() {
        final List<Recorded> all = new java.util.ArrayList<>();
        requests.drainTo(all);
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
