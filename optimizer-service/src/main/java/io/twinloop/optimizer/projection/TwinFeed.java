package io.twinloop.optimizer.projection;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import io.twinloop.twin.client.DittoClient;

/**
 * Where the projection's twin changes come from, and which twins it holds: over Ditto's WebSocket every twin in
 * scope ({@link #webSocket()}, {@link ProjectionSync}), or from Kafka as one member of a consumer group the twins
 * whose partitions this instance owns (module {@code consumergroup}). Either way the projection is built by reading
 * Ditto and kept current by events; it is derived state, never the truth.
 */
@FunctionalInterface
public interface TwinFeed {

    /**
     * Starts following the twins; completes once the projection holds what this feed is responsible for.
     *
     * @param changed told after each change to the projection; must not block
     * @param scheduler for retries (shared with the service, single-threaded: tasks must be short)
     */
    CompletableFuture<? extends Running> start(DittoClient ditto, TwinScope scope, TwinProjection projection,
            Runnable changed, ScheduledExecutorService scheduler);

    /** A feed at work; closing it stops the events (the projection keeps what it holds). */
    interface Running extends AutoCloseable {

        /** One line for operators: what the feed follows and how it is doing. */
        String describe();

        @Override
        void close();
    }

    /** Every twin in scope, events over Ditto's WebSocket ({@code /ws/2}). */
    static TwinFeed webSocket() {
        return ProjectionSync::start;
    }
}
