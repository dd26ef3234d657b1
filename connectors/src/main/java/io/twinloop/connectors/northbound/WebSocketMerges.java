package io.twinloop.connectors.northbound;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.ditto.json.JsonValue;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.DittoConnectionException;
import io.twinloop.twin.client.DittoErrorException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinCommands;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.client.TwinResponse;

/**
 * Merges as Ditto Protocol commands over one WebSocket, opened at the first merge. {@link TwinCommands} opens a new
 * connection by itself after a drop; if even the first one cannot be opened, the next merge tries again. A twin that
 * cannot be reached is a {@link DittoConnectionException} (transient: the batcher keeps the values and retries);
 * a refusal such as 401 keeps Ditto's error.
 */
final class WebSocketMerges implements TwinMerges {

    private final DittoClient client;
    private CompletableFuture<TwinCommands> commands; // guarded by this
    private boolean closed; // guarded by this

    WebSocketMerges(final DittoClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<TwinResponse> merge(final TwinPath path, final JsonValue patch,
            final RequestOptions options) {
        return commands().thenCompose(open -> open.merge(path, patch, options));
    }

    private synchronized CompletableFuture<TwinCommands> commands() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the twin merges are closed"));
        }
        if (commands == null || commands.isCompletedExceptionally()) {
            commands = client.openCommands().handle((open, failure) -> {
                if (failure == null) {
                    return open;
                }
                final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof DittoErrorException || cause instanceof DittoConnectionException) {
                    throw new CompletionException(cause);
                }
                throw new DittoConnectionException("WebSocket", client.baseUri().resolve("/ws/2"), cause);
            });
        }
        return commands;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (commands != null) {
            commands.thenAccept(TwinCommands::close);
        }
    }
}
