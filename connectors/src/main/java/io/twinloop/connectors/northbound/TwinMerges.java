package io.twinloop.connectors.northbound;

import java.util.concurrent.CompletableFuture;

import org.eclipse.ditto.json.JsonValue;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.client.TwinResponse;

/**
 * How the connector's merges of device values reach the twin: as HTTP {@code PATCH} requests, or as Ditto Protocol
 * merge commands over one WebSocket ({@code /ws/2}), which costs the twin and the connector about a third of the
 * CPU per write (no HTTP request per value batch). Outcomes and errors are the same either way, so retries and
 * refusals are handled alike ({@link io.twinloop.connectors.retry.TwinWriteFailure}).
 */
public interface TwinMerges extends AutoCloseable {

    /** Which of the two ways; configuration calls it {@code twin-writes}. */
    enum Transport { HTTP, WEBSOCKET }

    CompletableFuture<TwinResponse> merge(TwinPath path, JsonValue patch, RequestOptions options);

    /** Releases what this way of writing holds (the WebSocket); the client itself stays open. */
    @Override
    void close();

    static TwinMerges of(final Transport transport, final DittoClient client) {
        return transport == Transport.HTTP ? overHttp(client) : new WebSocketMerges(client);
    }

    static TwinMerges overHttp(final DittoClient client) {
        return new TwinMerges() {
            @Override
            public CompletableFuture<TwinResponse> merge(final TwinPath path, final JsonValue patch,
                    final RequestOptions options) {
                return client.merge(path, patch, options);
            }

            @Override
            public void close() {
                // the client belongs to the caller
            }
        };
    }
}
